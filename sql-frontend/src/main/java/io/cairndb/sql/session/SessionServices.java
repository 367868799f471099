package io.cairndb.sql.session;

import io.cairndb.planner.QueryPlanner;
import io.cairndb.planner.catalog.CatalogManager;
import io.cairndb.sql.ddl.DdlExecutor;
import io.cairndb.sql.meta.MetadataService;
import io.cairndb.sql.plan.PlanCache;
import io.cairndb.storage.txn.TransactionCoordinator;

/** The node-wide services every session of the node shares. */
public record SessionServices(CatalogManager catalog, QueryPlanner planner, PlanCache plans, DdlExecutor ddl,
                              TransactionCoordinator transactions, MetadataService metadata) {
}
