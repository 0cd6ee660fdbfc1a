/**
 * MVCC transactions with serializable isolation: the replicated state machine and the transaction client.
 *
 * <p>Not built yet: see the open issue that builds this module. Nothing here pretends to work.
 */
package io.mynode.txn;
