/**
 * How rows become storage keys and values: the order-preserving key columns (primary and secondary index keys),
 * the schema-driven value encoding, type coercion on store (with 22003/22001 checks) and the conversions between
 * API values and Calcite's internal representations.
 */
package io.cairndb.planner.row;
