package io.cairndb.storage;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named points of the two-phase commit where a crash test makes this process die on the spot, as kill -9 would:
 * the JVM halts (no shutdown hooks, nothing flushed) when it reaches the point named by the system property
 * {@code cairndb.crashAt}. Without the property (always, outside those tests) a point costs one string compare.
 * The points and what recovery must make of a transaction that died there are listed in docs/transactions.md.
 */
public final class CrashPoint {
    /** Coordinator: the first participant prepared, the others not. */
    public static final String AFTER_FIRST_PREPARE = "2pc-after-first-prepare";
    /**
     * Coordinator: every write prepared at the staged timestamp (the transaction is committed, implicitly), before
     * COMMIT answers and before the record says so. A transaction a range pushed above that timestamp never passes
     * here: it commits by writing its record at the pushed timestamp.
     */
    public static final String AFTER_PREPARES = "2pc-after-prepares";
    /** Coordinator: the record says COMMITTED (the commit point), no intent resolved. */
    public static final String AFTER_RECORD = "2pc-after-record";
    /** Participant leader: its Prepare applied (intents replicated), before it answers the coordinator. */
    public static final String PARTICIPANT_AFTER_PREPARE = "2pc-participant-after-prepare";

    private static final Logger LOG = LoggerFactory.getLogger(CrashPoint.class);
    private static final String ARMED = System.getProperty("cairndb.crashAt");

    private CrashPoint() {
    }

    /** Halts the JVM if this is the armed point. */
    public static void reach(String point) {
        if (ARMED != null && ARMED.equals(point)) {
            LOG.error("crash point {} reached: halting (cairndb.crashAt)", point);
            Runtime.getRuntime().halt(137);
        }
    }
}
