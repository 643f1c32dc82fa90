#!/usr/bin/env bash
# Exports a trained run's model to ONNX and prints how far ONNX Runtime's outputs are from vae4j's on every
# test image: bench/onnx-agreement.sh RUN_DIR [DATA_DIR] [ENGINE]
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
if ! mvn -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
exec java --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  org.vae4j.export.OnnxAgreement "$@"
