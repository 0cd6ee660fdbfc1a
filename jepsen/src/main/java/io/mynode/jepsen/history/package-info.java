/**
 * Histories in Jepsen's format: the record of what every client asked and what it was told.
 *
 * <p>A Jepsen test does not look inside the database; it watches from outside. Each client
 * operation is logged twice: an {@code :invoke} when the client sends it, and a completion when
 * the answer comes back:
 *
 * <pre>
 *   :ok    it happened (exactly once)
 *   :fail  it certainly did not happen (a serialization failure, no quorum before proposing)
 *   :info  nobody knows: the connection broke, the request timed out. It may have happened,
 *          and may still happen later; the checker must allow both.
 * </pre>
 *
 * The whole test is then judged by checkers on this history alone, so the history is also the
 * interchange format: {@link io.mynode.jepsen.history.History#write} writes Jepsen's
 * {@code history.edn} (one {@code {:index .. :time .. :type .. :process .. :f .. :value ..}} map per
 * line) that Knossos and Elle can read elsewhere, and {@link io.mynode.jepsen.history.History#read}
 * reads theirs back. {@link io.mynode.jepsen.history.Edn} is a small EDN reader and writer, enough
 * for histories and results; it leaves out metadata and reader conditionals, which histories do not
 * use.
 *
 * <p>Values are plain Java data (lists, maps, sets, {@link java.lang.Long}, {@link
 * io.mynode.jepsen.history.Keyword}), as in Clojure, so a workload's values need no classes of
 * their own. Everything here is immutable and thread-safe except the parser, which one call owns.
 *
 * <p>References: Kingsbury, "Jepsen" (jepsen.io); the history format of jepsen.history;
 * Kingsbury and Alvaro, "Elle: Inferring Isolation Anomalies from Experimental Observations"
 * (VLDB 2020).
 */
package io.mynode.jepsen.history;
