#!/usr/bin/env bash
# Trains the same model in PyTorch and in vae4j on MNIST (batch 128, Adam), alternating, ROUNDS times
# (default 3), and prints each side's median training images/s and the ratio. Each run trains 2 epochs and
# counts the second, so that neither side's warm-up is measured. Every round runs each side twice, as it is
# and with TUNED in its environment (OpenBLAS told the core type and L2 size it may misdetect in a VM; for
# PyTorch also OpenMP threads that sleep rather than spin while they wait, which matters when other
# processes share the cores), and keeps each side's better run.
#   bench/compare-pytorch.sh [--engine auto|native|java|java-vector|java-autovec] [--model mlp|conv]
#   env: ROUNDS, DATA (default ../shared/data/mnist), IMAGES (training images per epoch; default all for
#        mlp, 12800 for conv), THREADS (default: all cores), TUNED (default below)
# --model mlp is the lab reports' 784-512-20; --model conv the Keras example's convolutional VAE (d = 20).
# Needs Debian's python3-torch (and libopenblas0-openmp, or PyTorch runs on the slow reference BLAS).
set -euo pipefail
cd "$(dirname "$0")/.."
engine=auto
model=mlp
while [[ $# -gt 0 ]]; do
  case "$1" in
    --engine) engine="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    *) echo "compare-pytorch.sh: unknown option $1 (--engine E, --model mlp|conv)" >&2; exit 2 ;;
  esac
done
rounds="${ROUNDS:-3}"
data="${DATA:-../shared/data/mnist}"
threads="${THREADS:-$(nproc)}"
images="${IMAGES:-$([[ "$model" == conv ]] && echo 12800 || echo 60000)}"
tuned="${TUNED:-OPENBLAS_CORETYPE=SKYLAKEX OPENBLAS_L2_SIZE=1048576}"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

last_rate() { # the images/s of the last epoch in a metrics file
  "$python" -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["epochs"][-1]["images_per_second"]))' "$1"
}
pytorch() { # name, then environment assignments
  local name="$1"; shift
  env "$@" "$python" tools/pytorch/train_vae.py --model "$model" --data "$data" --epochs 2 --threads "$threads" \
    --train-images "$images" --test-images 1000 --json "$work/$name.json" >/dev/null
  last_rate "$work/$name.json"
}
vae4j() { # name, then environment assignments
  local name="$1"; shift
  env "$@" ./vae4j train --model "$model" --data "$data" --epochs 2 --engine "$engine" --threads "$threads" \
    --train-images "$images" --test-images 1000 --out "$work/$name" >/dev/null 2>&1
  last_rate "$work/$name/metrics.json"
}

./vae4j --version >/dev/null # build first, outside the timed runs
echo "model $model, $images training images per epoch, $threads threads, engine $engine; tuned: $tuned"
for ((r = 1; r <= rounds; r++)); do
  p1=$(pytorch "pytorch-$r" OMP_NUM_THREADS="$threads")
  j1=$(vae4j "vae4j-$r")
  p2=$(pytorch "pytorch-tuned-$r" OMP_NUM_THREADS="$threads" OMP_WAIT_POLICY=PASSIVE $tuned)
  j2=$(vae4j "vae4j-tuned-$r" $tuned)
  p=$((p1 > p2 ? p1 : p2))
  j=$((j1 > j2 ? j1 : j2))
  echo "$p $j" >>"$work/best"
  printf 'round %d: PyTorch %6d / tuned %6d img/s   vae4j (%s) %6d / tuned %6d img/s\n' "$r" "$p1" "$p2" "$engine" "$j1" "$j2"
done

"$python" - "$work/best" <<'PY'
import statistics, sys
rows = [tuple(map(int, line.split())) for line in open(sys.argv[1])]
torch = statistics.median(r[0] for r in rows)
java = statistics.median(r[1] for r in rows)
print(f"median of each round's better run: PyTorch {torch:.0f} img/s, vae4j {java:.0f} img/s, "
      f"ratio vae4j/PyTorch {java / torch:.2f}")
PY
