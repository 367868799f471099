package io.cairndb.planner.exec;

import io.cairndb.planner.PlannedStatement;
import io.cairndb.planner.schema.SchemaSnapshot;
import io.cairndb.storage.StorageNode;
import org.apache.calcite.sql.SqlNode;

/** Statements simple enough to run without Calcite's optimiser (primary-key point reads, single-row writes). */
public final class FastPaths {
    private FastPaths() {
    }

    /** A fast-path plan for {@code node}, or null when it needs the general planner. */
    public static PlannedStatement tryPlan(SqlNode node, SchemaSnapshot visible, SchemaSnapshot full, String schema,
                                           StorageNode storage) {
        return null;
    }
}
