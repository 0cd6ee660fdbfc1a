#!/usr/bin/env bash
# The transport floor under mynode-bench read (TransportFloor): NODES processes on loopback that
# answer every statement at once, and one client process with CLIENTS closed-loop sessions
# spread over them, as mynode-bench spreads its clients. No SQL, consensus or storage runs, so
# the figure bounds what the read workload can reach on this machine.
# Usage: grpc-transport/floor.sh [NODES=5] [CLIENTS=16] [WARMUP_S=20] [MEASURE_S=20]
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:-5}; clients=${2:-16}; warmup=${3:-20}; measure=${4:-20}
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file="$(mktemp)"
ports="$(mktemp -d)"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$cp_file" "$ports"; }
trap cleanup EXIT
./mvnw -B -q -pl grpc-transport -am test-compile dependency:build-classpath \
  -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test >/dev/null
cp="grpc-transport/target/test-classes:grpc-transport/target/classes:kernel-api/target/classes:$(cat "$cp_file")"
java=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Xmx256m
  -cp "$cp" io.mynode.transport.grpc.bench.TransportFloor)
for i in $(seq "$nodes"); do
  "${java[@]}" node "$ports/$i" &
  pids+=($!)
done
hosts=()
for i in $(seq "$nodes"); do
  for _ in $(seq 100); do [ -s "$ports/$i" ] && break; sleep 0.1; done
  hosts+=("$(cat "$ports/$i")")
done
"${java[@]}" client "$(IFS=,; echo "${hosts[*]}")" "$clients" "$warmup" "$measure"
