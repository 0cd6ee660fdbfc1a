package io.mynode.kernel.sql;

import io.mynode.kernel.config.Settings;
import io.mynode.kernel.txn.TransactionEngine;

/**
 * What the SQL provider needs.
 *
 * @param transactions where every statement reads and writes
 * @param settings the {@code sql.*} keys
 */
public record SqlContext(TransactionEngine transactions, Settings settings) {}
