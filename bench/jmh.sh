#!/usr/bin/env bash
# Runs the JMH benchmarks of the kernels (src/test/java/org/vae4j/bench); arguments go to JMH,
# e.g. bench/jmh.sh GemmBenchmark -p engine=native   or   bench/jmh.sh -h
set -euo pipefail
cd "$(dirname "$0")/.."
log="$(mktemp)"
if ! mvn -B -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt \
    -Dmdep.includeScope=test >"$log" 2>&1; then
  cat "$log" >&2
  exit 1
fi
rm -f "$log"
exec java --add-modules jdk.incubator.vector -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" org.openjdk.jmh.Main "$@"
