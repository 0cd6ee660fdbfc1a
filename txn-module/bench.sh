#!/usr/bin/env bash
# Runs the transaction-layer JMH benchmarks. From the repository root:
#   txn-module/bench.sh                      # every benchmark, default parameters
#   txn-module/bench.sh CommitBench -p engine=memory,btree
# Extra arguments go to org.openjdk.jmh.Main (try -h).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -pl txn-module -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="txn-module/target/test-classes:txn-module/target/classes:$(cat txn-module/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main "$@"
