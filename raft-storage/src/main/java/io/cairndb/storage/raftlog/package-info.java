/**
 * The node's Raft log: one RocksDB ({@code <dataDir>/raft-log}) holding the logs of every range group, behind
 * jraft's {@code LogStorage} interface, instead of jraft's default of one RocksDB per group.
 *
 * <p>{@link io.cairndb.storage.raftlog.SharedLogStore} owns the RocksDB and knows nothing of jraft's rules;
 * {@link io.cairndb.storage.raftlog.SharedLogStorage} is one group's view of it with the semantics of jraft's own
 * {@code RocksDBLogStorage}; {@link io.cairndb.storage.raftlog.LogKeys} lays out the keys so that each group's
 * entries are one contiguous, ordered span; {@link io.cairndb.storage.raftlog.SharedLogServiceFactory} plugs
 * the storage into a group's {@code NodeOptions}.
 */
package io.cairndb.storage.raftlog;
