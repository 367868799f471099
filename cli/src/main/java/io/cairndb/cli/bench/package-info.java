/**
 * {@code cairndb bench}: a closed-loop JDBC benchmark (primary-key point SELECTs and single-row INSERTs from
 * several client threads) with HdrHistogram latency percentiles, against a given cluster or against a node
 * it starts as a separate process.
 */
package io.cairndb.cli.bench;
