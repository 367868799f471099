package io.cairndb.planner.interp;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.util.ImmutableBitSet;

/**
 * GROUP BY with aggregates, over one or more grouping sets (the rewrite of several DISTINCT aggregates uses
 * them): groups in order of first appearance, which keeps a sorted input's order for a single grouping set; a
 * key not in a row's grouping set is NULL; an empty grouping set (a global aggregate) yields its row even over
 * no input.
 */
final class AggregateNode implements RowNode {
    private final RowNode input;
    private final int[] keys;
    private final List<ImmutableBitSet> groupingSets;
    private final List<Accumulator.Factory> calls;

    AggregateNode(RowNode input, ImmutableBitSet groupSet, List<ImmutableBitSet> groupingSets,
                  List<Accumulator.Factory> calls) {
        this.input = input;
        this.keys = groupSet.toArray();
        this.groupingSets = groupingSets;
        this.calls = calls;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        // map key: the grouping set's position, then the key values (NULL where the set does not group)
        Map<List<Object>, Accumulator[]> groups = new LinkedHashMap<>();
        try (Enumerator<Object[]> in = input.open(dc)) {
            while (in.moveNext()) {
                Object[] row = in.current();
                for (int s = 0; s < groupingSets.size(); s++) {
                    ImmutableBitSet set = groupingSets.get(s);
                    List<Object> key = new ArrayList<>(keys.length + 1);
                    key.add(s);
                    for (int k : keys) {
                        key.add(set.get(k) ? row[k] : null);
                    }
                    Accumulator[] accs = groups.computeIfAbsent(key, x -> fresh(set));
                    for (Accumulator a : accs) {
                        a.add(row);
                    }
                }
            }
        }
        for (int s = 0; s < groupingSets.size(); s++) {
            ImmutableBitSet set = groupingSets.get(s);
            if (set.isEmpty()) {
                List<Object> key = new ArrayList<>();
                key.add(s);
                for (int k = 0; k < keys.length; k++) {
                    key.add(null);
                }
                groups.computeIfAbsent(key, x -> fresh(set));
            }
        }
        List<Object[]> out = new ArrayList<>(groups.size());
        for (Map.Entry<List<Object>, Accumulator[]> g : groups.entrySet()) {
            Object[] row = new Object[keys.length + calls.size()];
            for (int i = 0; i < keys.length; i++) {
                row[i] = g.getKey().get(i + 1);
            }
            Accumulator[] accs = g.getValue();
            for (int i = 0; i < accs.length; i++) {
                row[keys.length + i] = accs[i].result();
            }
            out.add(row);
        }
        return Linq4j.enumerator(out);
    }

    private Accumulator[] fresh(ImmutableBitSet set) {
        Accumulator[] accs = new Accumulator[calls.size()];
        for (int i = 0; i < accs.length; i++) {
            accs[i] = calls.get(i).create(set);
        }
        return accs;
    }
}
