/**
 * Transactions: the public API ({@link io.cairndb.storage.txn.Transaction},
 * {@link io.cairndb.storage.txn.TransactionCoordinator}) and its implementation: snapshot reads through range
 * leaders, buffered writes, one-phase commit on one range, two-phase commit through a transaction record on
 * several, and intent recovery after a restart. See raft-storage/README.md for the protocol.
 */
package io.cairndb.storage.txn;
