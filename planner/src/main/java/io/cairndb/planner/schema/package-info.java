/**
 * The Calcite view of a catalog snapshot: tables whose scans derive key spans from pushed-down filters, views
 * expanded from their SQL, and the SYS system tables.
 */
package io.cairndb.planner.schema;
