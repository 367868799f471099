/**
 * Planning and execution: the Calcite pipeline (validate, convert, optimise, compile once), access paths and key
 * spans, lazy table scans, DML writes with constraint checks and index maintenance, the primary-key fast paths,
 * and the mapping of failures to SQLSTATEs.
 */
package io.cairndb.planner.exec;
