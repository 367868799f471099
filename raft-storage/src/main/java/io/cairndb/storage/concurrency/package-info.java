/**
 * Concurrency control of a range leader, free of Raft and RocksDB so it is tested on its own
 * ({@code ConcurrencyManagerTest} and its data-driven files): {@link io.cairndb.storage.concurrency.ConcurrencyManager}
 * sequences every read and write of one range (latch, lock table with wait queues, timestamp cache, validation),
 * and the node's {@link io.cairndb.storage.concurrency.WaitForGraph} finds deadlocks among lock waits. It sees its
 * range and the MVCC store only through {@code ConcurrencyManager.Range} and {@code ConcurrencyManager.Versions}.
 */
package io.cairndb.storage.concurrency;
