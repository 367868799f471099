/**
 * MVCC on the node's single RocksDB store: version-key layout, reads as of a timestamp, intents and
 * range-local metadata. Only range state machines write to it.
 */
package io.cairndb.storage.mvcc;
