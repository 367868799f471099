package io.cairndb.sql.plan;

import io.cairndb.planner.PlannedStatement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Plans by (SQL text, default schema, catalog version). Calcite planning costs milliseconds; a cache hit skips
 * parsing, validation and optimisation entirely. A plan made against an older catalog version is never
 * returned (its key no longer matches) and ages out of the LRU order.
 */
public final class PlanCache {
    private record Key(String sql, String schema, long catalogVersion) {
    }

    private final int capacity;
    private final Map<Key, PlannedStatement> plans;

    public PlanCache(int capacity) {
        this.capacity = capacity;
        this.plans = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, PlannedStatement> eldest) {
                return size() > PlanCache.this.capacity;
            }
        };
    }

    public synchronized PlannedStatement get(String sql, String schema, long catalogVersion) {
        return plans.get(new Key(sql, schema, catalogVersion));
    }

    public synchronized void put(String sql, String schema, PlannedStatement plan) {
        plans.put(new Key(sql, schema, plan.catalogVersion()), plan);
    }

    public synchronized int size() {
        return plans.size();
    }
}
