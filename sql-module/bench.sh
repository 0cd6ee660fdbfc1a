#!/usr/bin/env bash
# Runs the SQL module's JMH benchmarks (test sources, package io.mynode.sql.bench).
#   sql-module/bench.sh                 # all of them
#   sql-module/bench.sh ParsePlanBench  # a regex of benchmarks, then any JMH options
# Builds the test classes through the reactor (never installs), writes the test class path,
# and runs JMH's main on it. Keep runs short: the machine is shared.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -pl sql-module -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
cp=sql-module/target/test-classes:sql-module/target/classes:$(cat sql-module/target/bench.classpath)
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -cp "$cp" org.openjdk.jmh.Main "${@:-io.mynode.sql.bench}"
