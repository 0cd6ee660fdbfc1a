#!/usr/bin/env bash
# Runs the raft module's JMH benchmarks (test sources, package io.mynode.raft.bench).
#   raft-module/bench.sh                       all benchmarks (LogAppendBench)
#   raft-module/bench.sh LogAppendBench -p batch=100 -f 1 -wi 1 -i 3
# Keep runs short: the build machine is small and shared.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
./mvnw -B -q -pl raft-module -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
CP="raft-module/target/test-classes:raft-module/target/classes:kernel-api/target/classes:$(cat raft-module/target/bench.classpath)"
# BENCH_JVM_OPTS="-Djmh.ignoreLock=true" lets it run beside another JMH run (results then share the CPU).
exec "$JAVA_HOME/bin/java" ${BENCH_JVM_OPTS:-} -cp "$CP" org.openjdk.jmh.Main "${@:-LogAppendBench}"
