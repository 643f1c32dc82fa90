#!/usr/bin/env bash
# Trains the lab reports' model (784-512-20, batch 128, Adam) in PyTorch and in vae4j on MNIST,
# alternating, ROUNDS times (default 3), and prints each side's median training images/s and the ratio.
# Each run trains 2 epochs and counts the second, so that neither side's warm-up is measured.
# Needs Debian's python3-torch (and libopenblas0-openmp, or PyTorch runs on the slow reference BLAS).
#   bench/compare-pytorch.sh [--engine auto|native|java|java-vector|java-autovec]    env: ROUNDS, DATA (default ../shared/data/mnist)
set -euo pipefail
cd "$(dirname "$0")/.."
engine=auto
if [[ "${1:-}" == "--engine" ]]; then engine="$2"; fi
rounds="${ROUNDS:-3}"
data="${DATA:-../shared/data/mnist}"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

last_rate() { # the images/s of the last epoch in a metrics file
  "$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["epochs"][-1]["images_per_second"])' "$1"
}

./vae4j --version >/dev/null # build first, outside the timed runs
for ((r = 1; r <= rounds; r++)); do
  "$python" tools/pytorch/train_vae.py --data "$data" --epochs 2 --threads "$(nproc)" \
    --json "$work/pytorch-$r.json" >/dev/null
  ./vae4j train --data "$data" --epochs 2 --engine "$engine" --out "$work/vae4j-$r" >/dev/null 2>&1
  printf 'round %d: PyTorch %8.0f img/s   vae4j (%s) %8.0f img/s\n' "$r" \
    "$(last_rate "$work/pytorch-$r.json")" "$engine" "$(last_rate "$work/vae4j-$r/metrics.json")"
done

"$python" - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
rate = lambda f: json.load(open(f))["epochs"][-1]["images_per_second"]
torch = statistics.median(rate(f"{work}/pytorch-{r}.json") for r in range(1, rounds + 1))
java = statistics.median(rate(f"{work}/vae4j-{r}/metrics.json") for r in range(1, rounds + 1))
print(f"median: PyTorch {torch:.0f} img/s, vae4j {java:.0f} img/s, ratio vae4j/PyTorch {java / torch:.2f}")
PY
