package io.cairndb.planner.schema;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * Which columns of a scan of a {@link CairnTable} are unique, for Calcite's metadata. Calcite answers this for any
 * table scan from the table's keys, in the table's field positions — also for a scan with a pushed-down projection,
 * whose fields are a different list: a scan of {@code (id, name, dept)} projected to {@code [dept]} claimed that
 * {@code dept} was unique (it is field 0, where the table's key is), so AggregateRemoveRule dropped the
 * {@code GROUP BY dept} above it and every row came back as its own group. Calcite asks the table first (it
 * unwraps these handlers from it); here each output field is mapped through the projection to the table field it
 * holds.
 */
final class ScanKeys {
    private ScanKeys() {
    }

    /** Whether columns of a scan are unique, given the table's keys (in table field positions). */
    static BuiltInMetadata.ColumnUniqueness.Handler uniqueness(List<ImmutableBitSet> keys) {
        return (scan, mq, columns, ignoreNulls) -> areColumnsUnique(keys, scan, columns);
    }

    /** The unique keys of a scan, given the table's keys (in table field positions). */
    static BuiltInMetadata.UniqueKeys.Handler uniqueKeys(List<ImmutableBitSet> keys) {
        return (scan, mq, ignoreNulls) -> getUniqueKeys(keys, scan);
    }

    private static Boolean areColumnsUnique(List<ImmutableBitSet> keys, RelNode scan, ImmutableBitSet columns) {
        List<Integer> fields = projection(scan);
        ImmutableBitSet.Builder tableFields = ImmutableBitSet.builder();
        for (int c : columns) {
            tableFields.set(fields == null ? c : fields.get(c));
        }
        ImmutableBitSet held = tableFields.build();
        return keys.stream().anyMatch(held::contains);
    }

    private static Set<ImmutableBitSet> getUniqueKeys(List<ImmutableBitSet> keys, RelNode scan) {
        List<Integer> fields = projection(scan);
        if (fields == null) {
            return Set.copyOf(keys);
        }
        Set<ImmutableBitSet> result = new HashSet<>();
        for (ImmutableBitSet key : keys) {
            ImmutableBitSet.Builder outputs = ImmutableBitSet.builder();
            boolean complete = true;
            for (int field : key) {
                int output = fields.indexOf(field);
                if (output < 0) {
                    complete = false; // the projection drops part of the key: not a key of this scan
                    break;
                }
                outputs.set(output);
            }
            if (complete) {
                result.add(outputs.build());
            }
        }
        return result;
    }

    /** The table field of each output field, or null when the scan returns the table's fields as they are. */
    private static List<Integer> projection(RelNode scan) {
        if (scan instanceof Bindables.BindableTableScan b && !b.projects.isEmpty()) {
            return b.projects;
        }
        return null;
    }
}
