package io.cairndb.sql.parse;

import java.util.List;

/**
 * Statements CairnDB parses itself rather than through Calcite: DDL (Calcite's DDL grammar lacks inline
 * PRIMARY KEY, CREATE INDEX and CASCADE), transaction control and session settings.
 */
public sealed interface NativeStatement {

    /** A possibly schema-qualified object name; {@code schema} is null when unqualified. */
    record QualifiedName(String schema, String name) {
        @Override
        public String toString() {
            return schema == null ? name : schema + "." + name;
        }
    }

    /**
     * One column of CREATE TABLE.
     *
     * @param typeName   the type as written, upper case ("INTEGER", "CHARACTER VARYING", ...)
     * @param precision  declared length/precision, -1 when absent
     * @param scale      declared scale, -1 when absent
     * @param defaultSql the DEFAULT expression text, or null
     */
    record ColumnSpec(String name, String typeName, int precision, int scale, boolean notNull, boolean primaryKey,
                      boolean unique, String defaultSql) {
    }

    record CreateTable(QualifiedName name, boolean ifNotExists, List<ColumnSpec> columns, List<String> primaryKey,
                       List<List<String>> uniqueKeys) implements NativeStatement {
    }

    record DropTable(List<QualifiedName> names, boolean ifExists, boolean cascade) implements NativeStatement {
    }

    record CreateIndex(String name, QualifiedName table, List<String> columns, List<Boolean> descending,
                       boolean unique, boolean ifNotExists) implements NativeStatement {
    }

    record DropIndex(QualifiedName name, boolean ifExists) implements NativeStatement {
    }

    /** @param columns the view's column names, or null to take the query's */
    record CreateView(QualifiedName name, List<String> columns, String query, boolean orReplace)
            implements NativeStatement {
    }

    record DropView(List<QualifiedName> names, boolean ifExists, boolean cascade) implements NativeStatement {
    }

    /** BEGIN / START TRANSACTION; {@code readOnly} null when not specified. */
    record Begin(Boolean readOnly) implements NativeStatement {
    }

    record Commit() implements NativeStatement {
    }

    record Rollback() implements NativeStatement {
    }

    /** SET SCHEMA x / SET search_path TO x. */
    record SetSchema(String schema) implements NativeStatement {
    }

    /**
     * SET TRANSACTION ... (this transaction) or SET SESSION CHARACTERISTICS AS TRANSACTION ... (the session):
     * isolation is always SERIALIZABLE; read-only may change.
     */
    record SetTransaction(boolean session, Boolean readOnly) implements NativeStatement {
    }

    /** {@code ALTER NODE id DECOMMISSION [FORCE]}: move every replica off a node. */
    record AlterNodeDecommission(int nodeId, boolean force) implements NativeStatement {
    }

    /** {@code ALTER TABLE t SPLIT AT VALUES (...)}: split the table's range at that primary-key prefix. */
    record AlterTableSplit(QualifiedName table, List<Object> values) implements NativeStatement {
    }
}
