#!/usr/bin/env bash
# Trains the lab reports' model with --engine auto and with each engine forced, alternating, ROUNDS times
# (default 3), 2 epochs each counting the second, and prints each engine's median images/s and how far auto
# is from the best forced engine (the aim: never more than 5% slower).
#   bench/auto-vs-forced.sh [--engines native,java-vector]    env: ROUNDS, DATA (default ../shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
usage() {
  echo "usage: bench/auto-vs-forced.sh [--engines E,E...]; $1" >&2
  exit 2
}
engines=native,java-vector
while [[ $# -gt 0 ]]; do
  case "$1" in
    --engines) [[ $# -ge 2 ]] || usage "--engines needs a value"; engines="$2"; shift 2 ;;
    *) usage "unknown option '$1'" ;;
  esac
done
IFS=, read -r -a forced <<<"$engines"
for e in "${forced[@]}"; do
  case "$e" in
    native | java | java-vector | java-autovec) ;;
    *) usage "--engines lists engines to force (native, java, java-vector, java-autovec), got '$e'" ;;
  esac
done
rounds="${ROUNDS:-3}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || usage "ROUNDS must be a positive number, got '$rounds'"
data="${DATA:-../shared/data/mnist}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

./vae4j --version >/dev/null # build first, outside the timed runs
for ((r = 1; r <= rounds; r++)); do
  line="round $r:"
  for e in auto "${forced[@]}"; do
    ./vae4j train --data "$data" --epochs 2 --engine "$e" --out "$work/$e-$r" >"$work/$e-$r.log" 2>&1
    rate="$(/usr/bin/python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["epochs"][-1]["images_per_second"]))' \
      "$work/$e-$r/metrics.json")"
    chosen="$(grep -o 'engine auto -> [a-z-]*' "$work/$e-$r.log" | sed 's/engine auto -> /=/' || true)"
    line+="  $e$chosen $rate img/s"
  done
  echo "$line"
done

/usr/bin/python3 - "$work" "$rounds" auto "${forced[@]}" <<'PY'
import json, statistics, sys
work, rounds, engines = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rate = lambda e, r: json.load(open(f"{work}/{e}-{r}/metrics.json"))["epochs"][-1]["images_per_second"]
medians = {e: statistics.median(rate(e, r) for r in range(1, rounds + 1)) for e in engines}
for e, m in medians.items():
    print(f"median {e:12s} {m:8.0f} img/s")
best = max(engines[1:], key=medians.get)
print(f"auto against the best forced engine ({best}): {100 * (medians['auto'] / medians[best] - 1):+.1f}%")
PY
