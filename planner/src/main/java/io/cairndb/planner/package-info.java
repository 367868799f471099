/**
 * The planner: turns validated SQL into plans that read and write storage through a transaction.
 *
 * <p>Entry points: {@link io.cairndb.planner.QueryPlanner#plan} (queries, DML, EXPLAIN) and
 * {@link io.cairndb.planner.catalog.CatalogManager} (DDL). {@link io.cairndb.planner.SqlConfig} holds the SQL
 * dialect settings every layer parses and validates with. Contract types shared with sql-frontend:
 * {@link io.cairndb.planner.PlannedStatement}, {@link io.cairndb.planner.ExecutionContext},
 * {@link io.cairndb.planner.RowCursor}, {@link io.cairndb.planner.ResultColumn},
 * {@link io.cairndb.planner.ParameterInfo}, {@link io.cairndb.planner.SqlStateException}.
 */
package io.cairndb.planner;
