#!/usr/bin/env bash
# Runs the transport's JMH benchmarks (src/test/java/io/mynode/transport/grpc/bench).
# Usage: [BENCH=regex] grpc-transport/bench.sh [JMH options]
#   e.g. BENCH=statementRoundTrip grpc-transport/bench.sh -t 8   (8 client threads, one benchmark)
# Defaults keep a run short on a small machine: 1 fork, 2 warm-up and 3 measured 3-second rounds.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
trap 'rm -f "$cp_file"' EXIT
./mvnw -B -q -pl grpc-transport -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cp="grpc-transport/target/test-classes:grpc-transport/target/classes:kernel-api/target/classes:$(cat "$cp_file")"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$cp" org.openjdk.jmh.Main \
  -f 1 -wi 2 -w 3s -i 3 -r 3s "$@" "io.mynode.transport.grpc.bench.TransportBench.${BENCH:-}"

