#!/usr/bin/env bash
# Swap-storage experiment: db_bench-style workloads against the btree and lsm engines and RocksDB,
# in one run; prints a table and writes target/swap-bench/{results.md,swap-storage.png}.
#
#   lsm-engine/swap-bench.sh                          # 1M keys, engines btree,lsm,rocksdb
#   lsm-engine/swap-bench.sh --keys=100000            # a quick run
#   lsm-engine/swap-bench.sh --rounds=3               # best of three rounds per engine (shared machines)
#   lsm-engine/swap-bench.sh --engines=lsm,rocksdb --cache=64 lsm.memtable.bytes=32m
#
# An engine whose module is not on the test class path is reported and skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# Compile, and write the test class path (reactor modules resolve to their class directories).
./mvnw -B -q -pl lsm-engine -am test-compile dependency:build-classpath \
  -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >&2
CP="lsm-engine/target/test-classes:lsm-engine/target/classes:$(cat lsm-engine/target/bench.classpath)"
exec "$JAVA_HOME/bin/java" -Xms2g -Xmx2g -Djava.awt.headless=true -cp "$CP" io.mynode.storage.lsm.bench.SwapStorage \
  --dir=lsm-engine/target/swap-bench "$@"
