package io.cairndb.planner.interp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;

/** UNION [ALL], INTERSECT and EXCEPT (set semantics for the last two), rows in order of first appearance. */
final class SetOpNode implements RowNode {
    enum Kind { UNION, INTERSECT, EXCEPT }

    private final Kind kind;
    private final boolean all;
    private final List<RowNode> inputs;

    SetOpNode(Kind kind, boolean all, List<RowNode> inputs) {
        this.kind = kind;
        this.all = all;
        this.inputs = inputs;
    }

    @Override
    public Enumerator<Object[]> open(DataContext dc) {
        if (kind == Kind.UNION && all) {
            List<Object[]> rows = new ArrayList<>();
            for (RowNode in : inputs) {
                rows.addAll(RowEnumerator.drain(in.open(dc)));
            }
            return Linq4j.enumerator(rows);
        }
        Set<List<Object>> result = new LinkedHashSet<>();
        for (Object[] r : RowEnumerator.drain(inputs.get(0).open(dc))) {
            result.add(Arrays.asList(r));
        }
        for (RowNode in : inputs.subList(1, inputs.size())) {
            List<Object[]> rows = RowEnumerator.drain(in.open(dc));
            switch (kind) {
                case UNION -> rows.forEach(r -> result.add(Arrays.asList(r)));
                case EXCEPT -> rows.forEach(r -> result.remove(Arrays.asList(r)));
                case INTERSECT -> {
                    Set<List<Object>> other = new HashSet<>();
                    rows.forEach(r -> other.add(Arrays.asList(r)));
                    result.retainAll(other);
                }
            }
        }
        List<Object[]> out = new ArrayList<>(result.size());
        result.forEach(r -> out.add(r.toArray()));
        return Linq4j.enumerator(out);
    }
}
