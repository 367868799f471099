package io.cairndb.planner.catalog;

import io.cairndb.planner.SqlStateException;
import io.cairndb.planner.exec.TableWriter;
import io.cairndb.planner.exec.ViewValidation;
import io.cairndb.planner.row.RowCodec;
import io.cairndb.storage.StorageException;
import io.cairndb.storage.StorageNode;
import io.cairndb.storage.concurrency.TransactionConflictException;
import io.cairndb.storage.keys.KeySpace;
import io.cairndb.storage.txn.KvIterator;
import io.cairndb.storage.txn.Transaction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the versioned catalog. The whole catalog is one JSON document under the system key
 * {@code systemKey("catalog", "current")}; every DDL operation is one storage transaction that reads it, checks
 * and applies the change, bumps the version and writes it back (retried on serialization conflicts), so DDL from
 * any node is serialized by storage.
 */
public final class CatalogManager {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogManager.class);
    private static final byte[] KEY = KeySpace.systemKey("catalog", "current".getBytes(StandardCharsets.UTF_8));
    private static final int MAX_ATTEMPTS = 8;
    /** How long a cached snapshot is trusted before current() checks storage for DDL from other nodes. */
    private static final long REFRESH_NANOS = 500_000_000L;

    private final StorageNode storage;
    private volatile Catalog current;
    private volatile long checkedAt;
    /** False until the catalog was read once (the meta range may have no quorum when the node starts). */
    private volatile boolean loaded;

    /**
     * Loads the catalog, unless the meta range has no quorum yet (a cluster restarting node by node): then the
     * first statement loads it, and fails with a retryable error while meta stays unavailable.
     */
    public CatalogManager(StorageNode storage) {
        this.storage = storage;
        Catalog initial = Catalog.empty();
        try {
            initial = load();
            loaded = true;
            LOG.info("catalog loaded at version {} ({} tables, {} views)", initial.version(), initial.tables().size(),
                    initial.views().size());
        } catch (StorageException e) {
            if (!e.isRetryable()) {
                throw e;
            }
            LOG.warn("catalog not readable yet ({}); it is loaded by the first statement", e.getMessage());
        }
        this.current = initial;
        this.checkedAt = System.nanoTime();
    }

    public StorageNode storage() {
        return storage;
    }

    /** The newest catalog this node knows; re-read from storage when DDL may have happened on another node. */
    public Catalog current() {
        if (!loaded || System.nanoTime() - checkedAt > REFRESH_NANOS) {
            refresh();
        }
        return current;
    }

    /** Re-reads the catalog from storage now. */
    public Catalog refresh() {
        Catalog fresh = load();
        synchronized (this) {
            if (fresh.version() > current.version() || !loaded) {
                current = fresh;
            }
            loaded = true;
            checkedAt = System.nanoTime();
            return current;
        }
    }

    private Catalog load() {
        try (Transaction txn = storage.transactions().beginReadOnly()) {
            byte[] bytes = txn.get(KEY);
            return bytes == null ? Catalog.empty() : CatalogCodec.decode(bytes);
        }
    }

    // ------------------------------------------------------------------------------------------- tables

    public TableDef createTable(String schema, String name, List<ColumnDef> columns, List<String> primaryKey,
                                boolean ifNotExists) {
        List<ColumnDef> cols = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (columns == null || columns.isEmpty()) {
            throw new SqlStateException("42601", "table " + name + " must have at least one column");
        }
        List<String> pk = primaryKey == null ? List.of() : List.copyOf(primaryKey);
        for (ColumnDef c : columns) {
            if (!seen.add(c.name())) {
                throw new SqlStateException("42701", "column \"" + c.name() + "\" specified more than once");
            }
            checkType(c);
            // Primary-key columns are implicitly NOT NULL, as in PostgreSQL.
            cols.add(pk.contains(c.name()) && c.nullable()
                    ? new ColumnDef(c.name(), c.type(), c.precision(), c.scale(), false, c.defaultSql(), c.hidden())
                    : c);
        }
        Set<String> pkSeen = new HashSet<>();
        for (String k : pk) {
            if (!seen.contains(k)) {
                throw new SqlStateException("42703", "column \"" + k + "\" named in key does not exist");
            }
            if (!pkSeen.add(k)) {
                throw new SqlStateException("42701", "column \"" + k + "\" appears twice in primary key");
            }
        }
        if (pk.isEmpty()) {
            if (seen.contains(ColumnDef.ROWID)) {
                throw new SqlStateException("42701", "column name " + ColumnDef.ROWID + " is reserved");
            }
            cols.add(new ColumnDef(ColumnDef.ROWID, ColumnType.BIGINT, 0, 0, false, null, true));
            pk = List.of(ColumnDef.ROWID);
        }
        final List<ColumnDef> finalCols = cols;
        final List<String> finalPk = pk;
        TableDef[] created = new TableDef[1];
        change(c -> {
            if (c.table(schema, name) != null || c.view(schema, name) != null) {
                if (ifNotExists) {
                    created[0] = c.table(schema, name);
                    return null;
                }
                throw new SqlStateException("42P07", "relation \"" + schema + "." + name + "\" already exists");
            }
            int id = c.nextTableId();
            TableDef def = new TableDef(id, schema, name, finalCols, finalPk, List.of());
            storage.ensureTableRange(id);
            created[0] = def;
            return c.withTable(def, id + 1);
        }, null);
        return created[0];
    }

    private static void checkType(ColumnDef c) {
        if (c.type() == ColumnType.DECIMAL) {
            if (c.precision() > 38 || (c.precision() > 0 && (c.scale() < 0 || c.scale() > c.precision()))) {
                throw new SqlStateException("42P16", "invalid DECIMAL(" + c.precision() + ", " + c.scale()
                        + ") for column " + c.name());
            }
        }
        if (c.type() == null) {
            throw new SqlStateException("42601", "column " + c.name() + " has no type");
        }
    }

    public void dropTable(String schema, String name, boolean ifExists, boolean cascade) {
        int[] dropped = {-1};
        change(c -> {
            TableDef t = c.table(schema, name);
            if (t == null) {
                if (c.view(schema, name) != null) {
                    throw new SqlStateException("42809", "\"" + name + "\" is a view; use DROP VIEW");
                }
                if (ifExists) {
                    return null;
                }
                throw new SqlStateException("42P01", "table \"" + schema + "." + name + "\" does not exist");
            }
            Catalog without = c.withoutTable(schema, name);
            Catalog result = dropDependentViews(c, without, cascade, "table " + t.qualifiedName());
            dropped[0] = t.tableId();
            return result;
        }, null);
        if (dropped[0] >= 0) {
            storage.dropTableRange(dropped[0]);
        }
    }

    /**
     * Views that no longer validate once an object is removed depend on it: fail with 2BP01, or (cascade) drop
     * them too, repeating until every remaining view validates.
     */
    private Catalog dropDependentViews(Catalog before, Catalog without, boolean cascade, String what) {
        Catalog result = without;
        while (true) {
            List<String> broken = new ArrayList<>();
            for (ViewDef v : result.views()) {
                try {
                    ViewValidation.validate(result, v, storage);
                } catch (SqlStateException e) {
                    if (before.view(v.schema(), v.name()) != null) {
                        broken.add(v.qualifiedName());
                    }
                }
            }
            if (broken.isEmpty()) {
                return result;
            }
            if (!cascade) {
                throw new SqlStateException("2BP01", "cannot drop " + what + " because other objects depend on it: view "
                        + String.join(", ", broken) + " (use DROP ... CASCADE)");
            }
            result = result.withoutViews(broken);
        }
    }

    // ------------------------------------------------------------------------------------------- indexes

    public void createIndex(String schema, String table, String indexName, List<String> columns,
                            List<Boolean> descending, boolean unique, boolean ifNotExists) {
        change(c -> {
            TableDef t = c.table(schema, table);
            if (t == null) {
                throw new SqlStateException("42P01", "relation \"" + schema + "." + table + "\" does not exist");
            }
            if (c.index(schema, indexName) != null || c.table(schema, indexName) != null) {
                if (ifNotExists) {
                    return null;
                }
                throw new SqlStateException("42P07", "relation \"" + indexName + "\" already exists");
            }
            if (columns == null || columns.isEmpty()) {
                throw new SqlStateException("42601", "an index needs at least one column");
            }
            for (String col : columns) {
                if (t.column(col) == null) {
                    throw new SqlStateException("42703", "column \"" + col + "\" does not exist");
                }
            }
            List<Boolean> desc = descending == null || descending.size() != columns.size()
                    ? columns.stream().map(x -> false).toList() : descending;
            int nextId = t.indexes().stream().mapToInt(IndexDef::indexId).max().orElse(0) + 1;
            IndexDef ix = new IndexDef(nextId, indexName, columns, desc, unique);
            List<IndexDef> indexes = new ArrayList<>(t.indexes());
            indexes.add(ix);
            TableDef updated = t.withIndexes(indexes);
            return c.withTable(updated, c.nextTableId());
        }, (txn, before, after) -> backfill(txn, after.table(schema, table), indexName));
    }

    private void backfill(Transaction txn, TableDef t, String indexName) {
        RowCodec codec = new RowCodec(t);
        TableWriter writer = new TableWriter(t, codec, storage);
        IndexDef ix = t.index(indexName);
        byte[] start = codec.primaryPrefix();
        try (KvIterator it = txn.scan(start, KeySpace.prefixEnd(start))) {
            while (it.next()) {
                writer.backfill(txn, ix, codec.decode(it.key(), it.value()));
            }
        }
    }

    public void dropIndex(String schema, String indexName, boolean ifExists) {
        int[] target = {-1, -1};
        change(c -> {
            TableDef t = c.tableOfIndex(schema, indexName);
            if (t == null) {
                if (ifExists) {
                    return null;
                }
                throw new SqlStateException("42704", "index \"" + schema + "." + indexName + "\" does not exist");
            }
            IndexDef ix = t.index(indexName);
            target[0] = t.tableId();
            target[1] = ix.indexId();
            List<IndexDef> indexes = new ArrayList<>(t.indexes());
            indexes.remove(ix);
            return c.withTable(t.withIndexes(indexes), c.nextTableId());
        }, (txn, before, after) -> {
            byte[] prefix = KeySpace.indexKey(target[0], target[1]).toBytes();
            List<byte[]> keys = new ArrayList<>();
            try (KvIterator it = txn.scan(prefix, KeySpace.prefixEnd(prefix))) {
                while (it.next()) {
                    keys.add(it.key());
                }
            }
            keys.forEach(txn::delete);
        });
    }

    // ------------------------------------------------------------------------------------------- views

    public void createView(String schema, String name, String sql, List<String> columnNames, boolean orReplace) {
        change(c -> {
            if (c.table(schema, name) != null) {
                throw new SqlStateException("42P07", "relation \"" + schema + "." + name + "\" already exists");
            }
            if (c.view(schema, name) != null && !orReplace) {
                throw new SqlStateException("42P07", "view \"" + schema + "." + name + "\" already exists");
            }
            ViewDef v = new ViewDef(schema, name, sql, columnNames);
            List<String> names = ViewValidation.validate(c, v, storage);
            if (columnNames != null && columnNames.size() != names.size()) {
                throw new SqlStateException("42601", "view " + name + " names " + columnNames.size()
                        + " columns but its query returns " + names.size());
            }
            Set<String> distinct = new HashSet<>(columnNames != null ? columnNames : names);
            if (distinct.size() != names.size()) {
                throw new SqlStateException("42701", "view " + name + " has duplicate column names");
            }
            return c.withView(v);
        }, null);
    }

    public void dropView(String schema, String name, boolean ifExists, boolean cascade) {
        change(c -> {
            ViewDef v = c.view(schema, name);
            if (v == null) {
                if (c.table(schema, name) != null) {
                    throw new SqlStateException("42809", "\"" + name + "\" is a table; use DROP TABLE");
                }
                if (ifExists) {
                    return null;
                }
                throw new SqlStateException("42P01", "view \"" + schema + "." + name + "\" does not exist");
            }
            Catalog without = c.withoutViews(List.of(v.qualifiedName()));
            return dropDependentViews(c, without, cascade, "view " + v.qualifiedName());
        }, null);
    }

    // ------------------------------------------------------------------------------------------- plumbing

    /** Extra writes a DDL change makes in the same transaction (index backfill, index deletion). */
    private interface SideEffect {
        void apply(Transaction txn, Catalog before, Catalog after);
    }

    /**
     * Runs one DDL change: reads the stored catalog in a new transaction, computes the new catalog (null = no
     * change), applies side effects, writes it and commits; retries on serialization conflicts.
     */
    private synchronized void change(Function<Catalog, Catalog> change, SideEffect sideEffect) {
        for (int attempt = 1; ; attempt++) {
            Transaction txn = storage.transactions().begin();
            try {
                byte[] bytes = txn.get(KEY);
                Catalog before = bytes == null ? Catalog.empty() : CatalogCodec.decode(bytes);
                Catalog after = change.apply(before);
                if (after == null) {
                    txn.rollback();
                    adopt(before);
                    return;
                }
                if (sideEffect != null) {
                    sideEffect.apply(txn, before, after);
                }
                txn.put(KEY, CatalogCodec.encode(after));
                txn.commit();
                adopt(after);
                LOG.info("catalog version {}", after.version());
                return;
            } catch (TransactionConflictException e) {
                txn.close();
                if (attempt >= MAX_ATTEMPTS) {
                    throw new SqlStateException("40001", "concurrent DDL, please retry: " + e.getMessage(), e);
                }
            } catch (RuntimeException e) {
                txn.close();
                throw e;
            }
        }
    }

    private void adopt(Catalog c) {
        if (c.version() >= current.version()) {
            current = c;
        }
        checkedAt = System.nanoTime();
    }
}
