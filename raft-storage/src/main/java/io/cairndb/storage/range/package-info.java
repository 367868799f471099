/**
 * Ranges: descriptors, routing, the jraft group of each range replica (state machine, commands, snapshots),
 * and each leader's concurrency manager (latch, lock table, timestamp cache).
 */
package io.cairndb.storage.range;
