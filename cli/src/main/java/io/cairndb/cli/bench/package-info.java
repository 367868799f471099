/**
 * {@code cairndb bench}: a closed-loop JDBC benchmark (primary-key point SELECTs, single-row INSERTs, bank
 * transfers and YCSB-style reads and updates from several client threads, run by {@code
 * BenchRunner}; and TPC-C, run by {@code TpccBenchmark} with its own
 * terminals, loader and consistency checks; and one big INSERT … SELECT next to point reads and updates, run by
 * {@code BulkInsertBenchmark}) with HdrHistogram latency percentiles, against a given cluster or
 * against a node it starts as a separate process. The same code measures PostgreSQL through a jdbc:postgresql URL.
 */
package io.cairndb.cli.bench;
