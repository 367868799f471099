/**
 * CairnDB's transactional, range-sharded KV layer: {@link io.cairndb.storage.StorageNode} opens a node's
 * store, Raft groups, routing, clock and transaction coordinator. Subpackages: {@code keys} (key encoding and
 * keyspace), {@code mvcc} (versions on RocksDB), {@code range} (replicas, Raft, concurrency control),
 * {@code meta} (meta range records), {@code time} (hybrid clock), {@code txn} (transactions).
 */
package io.cairndb.storage;
