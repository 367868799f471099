package io.cairndb.planner.schema;

import io.cairndb.planner.catalog.ColumnDef;
import io.cairndb.planner.catalog.TableDef;
import io.cairndb.planner.exec.AccessPath;
import io.cairndb.planner.exec.CairnDataContext;
import io.cairndb.planner.exec.KeyPredicates;
import io.cairndb.planner.exec.TableScan;
import io.cairndb.planner.row.RowCodec;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.Statistic;
import org.apache.calcite.schema.Statistics;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;
import org.apache.calcite.sql2rel.NullInitializerExpressionFactory;
import org.apache.calcite.schema.ColumnStrategy;
import org.apache.calcite.util.ImmutableBitSet;
import io.cairndb.planner.SqlConfig;

/**
 * A stored table as Calcite sees it. Its fields are the visible columns (or, for planning UPDATE/DELETE, every
 * column, the hidden row id included, so written rows can be found again). Scans receive the pushed-down filter
 * and projection: the filter picks the access path and key spans; Calcite re-applies it above the scan.
 */
public final class CairnTable extends AbstractTable implements ProjectableFilterableTable {
    private final TableDef def;
    private final RowCodec codec;
    private final int[] fieldToColumn;
    /** The primary key in field positions (empty when a key column is not a field); fixed per table version. */
    private final List<ImmutableBitSet> keys;
    private final org.apache.calcite.rel.metadata.BuiltInMetadata.ColumnUniqueness.Handler uniqueness;
    private final org.apache.calcite.rel.metadata.BuiltInMetadata.UniqueKeys.Handler uniqueKeys;

    public CairnTable(TableDef def, RowCodec codec, boolean includeHidden) {
        this.def = def;
        this.codec = codec;
        this.fieldToColumn = includeHidden
                ? java.util.stream.IntStream.range(0, def.columns().size()).toArray()
                : def.visiblePositions();
        this.keys = primaryKeyFields();
        this.uniqueness = ScanKeys.uniqueness(keys);
        this.uniqueKeys = ScanKeys.uniqueKeys(keys);
    }

    public TableDef def() {
        return def;
    }

    public RowCodec codec() {
        return codec;
    }

    /** Position in the full column list of each field. */
    public int[] fieldToColumn() {
        return fieldToColumn.clone();
    }

    @Override
    public RelDataType getRowType(RelDataTypeFactory tf) {
        RelDataTypeFactory.Builder b = tf.builder();
        for (int c : fieldToColumn) {
            ColumnDef col = def.columns().get(c);
            b.add(col.name(), ColumnTypes.toRelType(tf, col));
        }
        return b.build();
    }

    @Override
    public Statistic getStatistic() {
        return Statistics.of(1000d, keys);
    }

    private List<ImmutableBitSet> primaryKeyFields() {
        ImmutableBitSet.Builder key = ImmutableBitSet.builder();
        for (int p : def.primaryKeyPositions()) {
            int field = fieldOf(p);
            if (field < 0) {
                return List.of();
            }
            key.set(field);
        }
        return List.of(key.build());
    }

    private int fieldOf(int column) {
        for (int i = 0; i < fieldToColumn.length; i++) {
            if (fieldToColumn[i] == column) {
                return i;
            }
        }
        return -1;
    }

    /** The access path a scan with these pushed filters uses. */
    public AccessPath accessPath(List<RexNode> filters) {
        return AccessPath.choose(def, KeyPredicates.analyze(filters, fieldToColumn));
    }

    @Override
    public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
        AccessPath path = accessPath(filters);
        var spans = path.spans(codec, i -> root.get("?" + i));
        int[] out;
        if (projects == null) {
            out = fieldToColumn.clone();
        } else {
            out = new int[projects.length];
            for (int i = 0; i < projects.length; i++) {
                out[i] = fieldToColumn[projects[i]];
            }
        }
        return new TableScan(CairnDataContext.executionContext(root), codec, path, spans, out);
    }

    @Override
    public <C> C unwrap(Class<C> aClass) {
        if (aClass == InitializerExpressionFactory.class) {
            return aClass.cast(new Defaults());
        }
        // key metadata that follows a scan's pushed-down projection (see ScanKeys)
        if (aClass == org.apache.calcite.rel.metadata.BuiltInMetadata.ColumnUniqueness.Handler.class) {
            return aClass.cast(uniqueness);
        }
        if (aClass == org.apache.calcite.rel.metadata.BuiltInMetadata.UniqueKeys.Handler.class) {
            return aClass.cast(uniqueKeys);
        }
        return super.unwrap(aClass);
    }

    /** Column defaults from the catalog's DEFAULT expressions. */
    private final class Defaults extends NullInitializerExpressionFactory {
        @Override
        public ColumnStrategy generationStrategy(RelOptTable table, int iColumn) {
            ColumnDef c = def.columns().get(fieldToColumn[iColumn]);
            if (c.defaultSql() != null || c.hidden()) {
                return ColumnStrategy.DEFAULT;
            }
            return c.nullable() ? ColumnStrategy.NULLABLE : ColumnStrategy.NOT_NULLABLE;
        }

        @Override
        public RexNode newColumnDefaultValue(RelOptTable table, int iColumn, InitializerContext context) {
            ColumnDef c = def.columns().get(fieldToColumn[iColumn]);
            if (c.defaultSql() != null) {
                RexNode e = context.convertExpression(context.parseExpression(SqlConfig.parserConfig(),
                        c.defaultSql()));
                RelDataType type = ColumnTypes.toRelType(context.getRexBuilder().getTypeFactory(), c);
                return context.getRexBuilder().makeCast(type, e, true, false);
            }
            return super.newColumnDefaultValue(table, iColumn, context);
        }
    }
}
