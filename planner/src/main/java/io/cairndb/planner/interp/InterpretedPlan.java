package io.cairndb.planner.interp;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.runtime.Bindable;

/**
 * An optimised plan ready to run without code generation: a {@link Bindable} like the one Calcite compiles, whose
 * rows are always arrays (also for one column).
 */
public final class InterpretedPlan implements Bindable<Object> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(InterpretedPlan.class);
    private final RowNode root;
    private final java.util.List<String> notes;

    private InterpretedPlan(RowNode root, java.util.List<String> notes) {
        this.root = root;
        this.notes = java.util.List.copyOf(notes);
    }

    /** How the interpreter runs parts of the plan differently from its Calcite form (EXPLAIN shows these). */
    public java.util.List<String> notes() {
        return notes;
    }

    /** The interpreted form of {@code rel}, or null when the plan uses something the interpreter leaves out. */
    public static InterpretedPlan tryCreate(EnumerableRel rel) {
        try {
            PlanTranslator translator = new PlanTranslator(rel.getCluster().getRexBuilder());
            RowNode root = translator.translate(rel);
            return new InterpretedPlan(root, translator.notes());
        } catch (Unsupported e) {
            LOG.debug("compiled, not interpreted: {}", e.getMessage());
            return null;
        }
    }

    @Override
    public Enumerable<Object> bind(DataContext dc) {
        return new AbstractEnumerable<>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public Enumerator<Object> enumerator() {
                return (Enumerator) root.open(dc);
            }
        };
    }
}
