/**
 * JMH benchmarks of the B+-tree engine against H2's MVStore, a mature copy-on-write B-tree, at the
 * same sizes in the same run ({@code EngineBench}; {@code Store} adapts both to the three timed
 * operations). Run with {@code btree-engine/bench.sh}; scores are operations per second.
 *
 * <p>What the comparison is and is not: both stores run on a file with a cache that holds the
 * whole data set. The B+-tree's batches are atomic; MVStore's 100 puts are 100 independent puts
 * (atomic batches would need its transaction store, which is slower). With no flush, the B+-tree
 * writes nothing until its dirty bound is reached while MVStore commits in a background thread
 * every second, so {@code putBatch100Flush100} also times both with a durable flush (B+-tree
 * {@code flush()}, MVStore {@code commit()} and {@code sync()}) every 10,000 puts.
 */
package io.mynode.storage.btree.bench;
