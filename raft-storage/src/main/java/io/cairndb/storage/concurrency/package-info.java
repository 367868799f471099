/**
 * Concurrency control shared by the range leaders of a node, kept free of Raft and RocksDB so it can be tested on
 * its own: the wait-for graph through which lock waits find deadlocks.
 */
package io.cairndb.storage.concurrency;
