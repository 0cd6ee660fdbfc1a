#!/usr/bin/env bash
# JMH: the B+-tree engine against H2's MVStore (random get, batched put, range scan on 1M keys).
#   btree-engine/bench.sh                      # the whole comparison, 5 to 10 minutes
#   btree-engine/bench.sh 'EngineBench.get'    # one benchmark; any JMH option works (-f, -wi, -i, -p store=btree)
# Builds the module (no tests, no install), then runs JMH on its test class path.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -pl btree-engine -am package dependency:build-classpath -DskipTests \
    -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
cp="btree-engine/target/test-classes:btree-engine/target/classes:$(cat btree-engine/target/bench.classpath)"
rm -rf "${TMPDIR:-/tmp}"/enginebench-base-* # loaded data sets are per build
exec "$JAVA_HOME/bin/java" -cp "$cp" org.openjdk.jmh.Main "${@:-EngineBench}"
