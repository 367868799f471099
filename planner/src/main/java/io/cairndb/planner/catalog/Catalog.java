package io.cairndb.planner.catalog;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An immutable snapshot of every schema, table, index and view at one catalog version. DDL produces a new
 * snapshot; plans remember the version they were made against.
 */
public final class Catalog {
    private final long version;
    private final int nextTableId;
    private final Set<String> schemas;
    private final Map<String, TableDef> tables;
    private final Map<String, ViewDef> views;

    public Catalog(long version, int nextTableId, Collection<String> schemas, Collection<TableDef> tables,
                   Collection<ViewDef> views) {
        this.version = version;
        this.nextTableId = nextTableId;
        TreeSet<String> s = new TreeSet<>(schemas);
        Map<String, TableDef> t = new TreeMap<>();
        for (TableDef def : tables) {
            t.put(def.qualifiedName(), def);
            s.add(def.schema());
        }
        Map<String, ViewDef> v = new TreeMap<>();
        for (ViewDef def : views) {
            v.put(def.qualifiedName(), def);
            s.add(def.schema());
        }
        this.schemas = java.util.Collections.unmodifiableSet(s);
        this.tables = java.util.Collections.unmodifiableMap(t);
        this.views = java.util.Collections.unmodifiableMap(v);
    }

    /** The empty catalog a new cluster starts with: schemas PUBLIC and SYS. */
    public static Catalog empty() {
        return new Catalog(1, 1000, List.of("PUBLIC", "SYS"), List.of(), List.of());
    }

    public long version() {
        return version;
    }

    /** The id the next created table gets. */
    public int nextTableId() {
        return nextTableId;
    }

    public Set<String> schemas() {
        return schemas;
    }

    public Collection<TableDef> tables() {
        return tables.values();
    }

    public Collection<ViewDef> views() {
        return views.values();
    }

    public List<TableDef> tables(String schema) {
        return tables.values().stream().filter(t -> t.schema().equals(schema)).toList();
    }

    public List<ViewDef> views(String schema) {
        return views.values().stream().filter(v -> v.schema().equals(schema)).toList();
    }

    public TableDef table(String schema, String name) {
        return tables.get(schema + "." + name);
    }

    public TableDef tableById(int tableId) {
        return tables.values().stream().filter(t -> t.tableId() == tableId).findFirst().orElse(null);
    }

    public ViewDef view(String schema, String name) {
        return views.get(schema + "." + name);
    }

    /** The table that owns index {@code indexName} in {@code schema}, or null. */
    public TableDef tableOfIndex(String schema, String indexName) {
        for (TableDef t : tables(schema)) {
            if (t.index(indexName) != null) {
                return t;
            }
        }
        return null;
    }

    public IndexDef index(String schema, String indexName) {
        TableDef t = tableOfIndex(schema, indexName);
        return t == null ? null : t.index(indexName);
    }

    // ---- copy-on-write builders used by CatalogManager ----

    Catalog withTable(TableDef def, int newNextTableId) {
        List<TableDef> t = new ArrayList<>(tables.values());
        t.removeIf(x -> x.qualifiedName().equals(def.qualifiedName()));
        t.add(def);
        return new Catalog(version + 1, newNextTableId, schemas, t, views.values());
    }

    Catalog withoutTable(String schema, String name) {
        List<TableDef> t = new ArrayList<>(tables.values());
        t.removeIf(x -> x.schema().equals(schema) && x.name().equals(name));
        return new Catalog(version + 1, nextTableId, schemas, t, views.values());
    }

    Catalog withView(ViewDef def) {
        List<ViewDef> v = new ArrayList<>(views.values());
        v.removeIf(x -> x.qualifiedName().equals(def.qualifiedName()));
        v.add(def);
        return new Catalog(version + 1, nextTableId, schemas, tables.values(), v);
    }

    Catalog withoutViews(Collection<String> qualifiedNames) {
        List<ViewDef> v = new ArrayList<>(views.values());
        v.removeIf(x -> qualifiedNames.contains(x.qualifiedName()));
        return new Catalog(version + 1, nextTableId, schemas, tables.values(), v);
    }
}
