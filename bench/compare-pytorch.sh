#!/usr/bin/env bash
# Trains the same model (batch 128, Adam) in PyTorch and in vae4j on MNIST, alternating, ROUNDS times
# (default 3), and prints each side's median training images/s and the ratio. --model mlp (the default) is
# the lab reports' 784-512-20; --model conv the Keras example's convolutional VAE (d = 20).
# Each run trains 2 epochs and counts the second, so that neither side's warm-up is measured.
# --openblas both (the default) runs each side, in every round, once with the OPENBLAS_* variables as set
# (OPENBLAS_CORETYPE, OPENBLAS_L2_SIZE) and once without them, and compares each side's best setting:
# OpenBLAS picks another kernel without them, which may suit either side better. as-set or unset: one only.
# Needs Debian's python3-torch (and libopenblas0-openmp, or PyTorch runs on the slow reference BLAS).
#   bench/compare-pytorch.sh [--engine auto|native|java|java-vector|java-autovec] [--model mlp|conv]
#                            [--openblas both|as-set|unset]
#   env: ROUNDS, DATA (default ../shared/data/mnist), THREADS (default: all cores),
#        IMAGES (training images per epoch; default all for mlp, 12800 for conv)
set -euo pipefail
cd "$(dirname "$0")/.."
usage() {
  echo "usage: bench/compare-pytorch.sh [--engine E] [--model mlp|conv] [--openblas both|as-set|unset]; $1" >&2
  exit 2
}
engine=auto
model=mlp
openblas=both
while [[ $# -gt 0 ]]; do
  case "$1" in
    --engine) [[ $# -ge 2 ]] || usage "--engine needs a value"; engine="$2"; shift 2 ;;
    --model) [[ $# -ge 2 ]] || usage "--model needs a value"; model="$2"; shift 2 ;;
    --openblas) [[ $# -ge 2 ]] || usage "--openblas needs a value"; openblas="$2"; shift 2 ;;
    *) usage "unknown option '$1'" ;;
  esac
done
case "$openblas" in
  both) settings=(as-set unset) ;;
  as-set | unset) settings=("$openblas") ;;
  *) usage "--openblas must be both, as-set or unset, got '$openblas'" ;;
esac
case "$model" in
  mlp | conv) ;;
  *) usage "--model must be mlp or conv, got '$model'" ;;
esac
rounds="${ROUNDS:-3}"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || usage "ROUNDS must be a positive number, got '$rounds'"
data="${DATA:-../shared/data/mnist}"
threads="${THREADS:-$(nproc)}"
images="${IMAGES:-$([[ "$model" == conv ]] && echo 12800 || echo 60000)}"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

last_rate() { # the images/s of the last epoch in a metrics file
  "$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["epochs"][-1]["images_per_second"])' "$1"
}
with_setting() { # runs a command with the OPENBLAS_* variables as set, or without them
  if [[ "$1" == unset ]]; then
    shift
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$@"
  else
    shift
    "$@"
  fi
}

./vae4j --version >/dev/null # build first, outside the timed runs
echo "model $model, $images training images per epoch, $threads threads, engine $engine"
for ((r = 1; r <= rounds; r++)); do
  for s in "${settings[@]}"; do
    with_setting "$s" "$python" tools/pytorch/train_vae.py --model "$model" --data "$data" --epochs 2 \
      --threads "$threads" --train-images "$images" --test-images 1000 --json "$work/pytorch-$s-$r.json" >/dev/null
    with_setting "$s" ./vae4j train --model "$model" --data "$data" --epochs 2 --engine "$engine" \
      --threads "$threads" --train-images "$images" --test-images 1000 --out "$work/vae4j-$s-$r" \
      >"$work/vae4j-$s-$r.log" 2>&1
    printf 'round %d, OpenBLAS variables %-6s: PyTorch %8.0f img/s   vae4j (%s) %8.0f img/s\n' "$r" "$s" \
      "$(last_rate "$work/pytorch-$s-$r.json")" "$(grep -o 'engine auto -> [a-z-]*' "$work/vae4j-$s-$r.log" \
      | sed 's/engine auto -> /auto: /' || echo "$engine")" "$(last_rate "$work/vae4j-$s-$r/metrics.json")"
  done
done

"$python" - "$work" "$rounds" "${settings[@]}" <<'PY'
import json, statistics, sys
work, rounds, settings = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
rate = lambda f: json.load(open(f))["epochs"][-1]["images_per_second"]
best = {}
for side, path in (("PyTorch", "{w}/pytorch-{s}-{r}.json"), ("vae4j", "{w}/vae4j-{s}-{r}/metrics.json")):
    for s in settings:
        median = statistics.median(rate(path.format(w=work, s=s, r=r)) for r in range(1, rounds + 1))
        print(f"median {side:7s} with the OpenBLAS variables {s:6s}: {median:8.0f} img/s")
        best[side] = max(best.get(side, (0, "")), (median, s))
(torch, ts), (java, js) = best["PyTorch"], best["vae4j"]
print(f"best medians: PyTorch {torch:.0f} img/s ({ts}), vae4j {java:.0f} img/s ({js}), "
      f"ratio vae4j/PyTorch {java / torch:.2f}")
PY
