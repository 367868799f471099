/**
 * The global keyspace layout ({@link io.cairndb.storage.keys.KeySpace}) and the order-preserving,
 * self-delimiting key encoding ({@link io.cairndb.storage.keys.KeyWriter}, {@link io.cairndb.storage.keys.KeyReader}).
 */
package io.cairndb.storage.keys;
