#!/usr/bin/env bash
# GFLOP/s of GEMM engines measured in alternation in one JVM (src/test/java/org/vae4j/bench/GemmSideBySide.java),
# the only comparison that holds on a machine whose speed changes while it runs, e.g.
#   bench/side-by-side.sh native,java-vector,java-autovec 'lab;NT:128:512:784;NN:128:784:512;TN:512:784:128'
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
if ! mvn -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
exec java --add-modules jdk.incubator.vector -XX:MaxNewSize=64m \
  -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.vae4j.bench.GemmSideBySide "$@"
