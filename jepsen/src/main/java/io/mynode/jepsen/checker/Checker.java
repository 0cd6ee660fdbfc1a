package io.mynode.jepsen.checker;

import io.mynode.jepsen.history.History;

/**
 * Judges a history: was every observation allowed by the workload's model? A checker is pure
 * (same history, same result), never throws on a strange history (it reports it), and is
 * thread-safe because it keeps no state between calls.
 */
public sealed interface Checker permits RegisterChecker, BankChecker, AppendChecker, SetChecker, StatsChecker {

    /** The verdict on {@code history}, with the evidence. */
    Result check(History history);
}
