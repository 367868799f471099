package io.cairndb.planner.schema;

import io.cairndb.planner.catalog.Catalog;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.storage.NodeStatus;
import io.cairndb.storage.RangeStatus;
import io.cairndb.storage.StorageNode;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/** SYS.NODES and SYS.RANGES: the live cluster picture from the storage node, queryable with SQL. */
public final class SystemTables {
    private SystemTables() {
    }

    /** SYS.NODES (node_id, address, sql_address, is_live, replicas, leaders, is_draining). */
    public static final class Nodes extends AbstractTable implements ScannableTable {
        private final StorageNode storage;

        public Nodes(StorageNode storage) {
            this.storage = storage;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory tf) {
            return tf.builder()
                    .add("NODE_ID", SqlTypeName.INTEGER)
                    .add("ADDRESS", tf.createSqlType(SqlTypeName.VARCHAR))
                    .add("SQL_ADDRESS", tf.createTypeWithNullability(tf.createSqlType(SqlTypeName.VARCHAR), true))
                    .add("IS_LIVE", SqlTypeName.BOOLEAN)
                    .add("REPLICAS", SqlTypeName.INTEGER)
                    .add("LEADERS", SqlTypeName.INTEGER)
                    .add("IS_DRAINING", SqlTypeName.BOOLEAN)
                    .build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            List<Object[]> rows = new ArrayList<>();
            for (NodeStatus n : storage.nodeStatuses()) {
                rows.add(new Object[] {n.nodeId(), n.raftAddress(), n.sqlAddress(), n.live(), n.replicas(),
                        n.leaders(), n.draining()});
            }
            return Linq4j.asEnumerable(rows);
        }
    }

    /** SYS.RANGES (range_id, table_name, start_key, end_key, replicas, leader, size_bytes, is_quiet). */
    public static final class Ranges extends AbstractTable implements ScannableTable {
        private final StorageNode storage;
        private final Catalog catalog;

        public Ranges(StorageNode storage, Catalog catalog) {
            this.storage = storage;
            this.catalog = catalog;
        }

        @Override
        public RelDataType getRowType(RelDataTypeFactory tf) {
            RelDataType varchar = tf.createSqlType(SqlTypeName.VARCHAR);
            return tf.builder()
                    .add("RANGE_ID", SqlTypeName.BIGINT)
                    .add("TABLE_NAME", tf.createTypeWithNullability(varchar, true))
                    .add("START_KEY", varchar)
                    .add("END_KEY", varchar)
                    .add("REPLICAS", varchar)
                    .add("LEADER", SqlTypeName.INTEGER)
                    .add("SIZE_BYTES", SqlTypeName.BIGINT)
                    .add("IS_QUIET", SqlTypeName.BOOLEAN)
                    .build();
        }

        @Override
        public Enumerable<Object[]> scan(DataContext root) {
            HexFormat hex = HexFormat.of();
            List<Object[]> rows = new ArrayList<>();
            for (RangeStatus r : storage.rangeStatuses()) {
                TableDef t = r.tableId() < 0 ? null : catalog.tableById(r.tableId());
                String name = r.tableId() < 0 ? null : t == null ? "#" + r.tableId() : t.qualifiedName();
                rows.add(new Object[] {r.rangeId(), name, hex.formatHex(r.startKey()), hex.formatHex(r.endKey()),
                        r.replicas().stream().map(String::valueOf).collect(Collectors.joining(",")),
                        r.leaderNode(), r.sizeBytes(), r.quiet()});
            }
            return Linq4j.asEnumerable(rows);
        }
    }
}
