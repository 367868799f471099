package io.cairndb.sql;

import io.cairndb.planner.QueryPlanner;
import io.cairndb.planner.catalog.CatalogManager;
import io.cairndb.sql.ddl.DdlExecutor;
import io.cairndb.sql.meta.MetadataService;
import io.cairndb.sql.plan.PlanCache;
import io.cairndb.sql.session.CairnSqlSession;
import io.cairndb.sql.session.SessionServices;
import io.cairndb.storage.StorageNode;
import java.util.concurrent.atomic.AtomicLong;

/** The SQL service of a node: the catalog, the planner and its plan cache, shared by all sessions. */
public final class CairnSqlEngine implements SqlEngine {
    /** Plans kept per node; a plan is a few KiB of Calcite objects and generated code. */
    private static final int PLAN_CACHE_SIZE = 2048;

    private final SessionServices services;
    private final AtomicLong sessionIds = new AtomicLong();

    private CairnSqlEngine(SessionServices services) {
        this.services = services;
    }

    /** Loads the catalog from {@code storage} and makes the engine ready to open sessions. */
    public static CairnSqlEngine open(StorageNode storage) {
        CatalogManager catalog = new CatalogManager(storage);
        QueryPlanner planner = new QueryPlanner(catalog, storage);
        SessionServices services = new SessionServices(catalog, planner, new PlanCache(PLAN_CACHE_SIZE),
                new DdlExecutor(catalog), storage.transactions(), new MetadataService(catalog, planner));
        return new CairnSqlEngine(services);
    }

    @Override
    public SqlSession openSession(String user, String schema) {
        return new CairnSqlSession(sessionIds.incrementAndGet(), services, schema);
    }

    @Override
    public void close() {
        // sessions are closed by their connections; the storage node is closed by its owner
    }
}
