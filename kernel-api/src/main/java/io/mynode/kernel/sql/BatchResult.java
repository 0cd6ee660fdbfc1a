package io.mynode.kernel.sql;

import io.mynode.kernel.error.MynodeException;
import java.util.List;
import java.util.Optional;

/**
 * What a batch did ({@link Session#executeBatch}, {@link Prepared#executeBatch}): the results of
 * the statements that took effect, in order, and the error that stopped it, if one did.
 *
 * <p>A batch outside an explicit transaction runs as one implicit transaction, as PostgreSQL's
 * extended protocol runs everything up to a Sync: all of it commits, or, when a statement fails,
 * none of it, and {@code results} is then empty. Inside an explicit transaction each statement
 * is atomic on its own: those before the failing one stay in the transaction, which stays open.
 * A batch holds no queries: its results are never {@link StatementResult.Rows}.
 *
 * @param results one per statement that took effect
 * @param failure the error of the statement after the last of {@code results}, if one failed
 */
public record BatchResult(List<StatementResult> results, Optional<MynodeException> failure) {
    public BatchResult {
        results = List.copyOf(results);
        for (StatementResult r : results) {
            if (r instanceof StatementResult.Rows) {
                throw new IllegalArgumentException("a batch has no row results");
            }
        }
    }
}
