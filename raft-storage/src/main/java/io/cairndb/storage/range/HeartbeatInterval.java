package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.ReplicatorGroup;
import com.alipay.sofa.jraft.core.NodeImpl;
import com.alipay.sofa.jraft.core.Replicator;
import com.alipay.sofa.jraft.option.ReplicatorOptions;
import com.alipay.sofa.jraft.util.ThreadId;
import java.lang.reflect.Field;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets how often a leader's replicators send heartbeats. jraft 1.4.1's {@code Node.resetElectionTimeoutMs} is meant
 * to do this too, but its {@code ReplicatorGroupImpl.resetHeartbeatInterval} only stores the value in a field no
 * replicator reads: running replicators keep the interval they were created with. So this reaches the
 * per-replicator options (and the options later replicators are copied from) by reflection. jraft is pinned in
 * the root pom; if a jraft upgrade renames these fields, the first call logs one warning and heartbeats simply keep
 * their busy interval (quiet ranges then cost as much as busy ones, nothing breaks).
 */
final class HeartbeatInterval {
    private static final Logger LOG = LoggerFactory.getLogger(HeartbeatInterval.class);
    private static final Field NODE_REPLICATORS = field(NodeImpl.class, "replicatorGroup");
    private static final Field GROUP_COMMON_OPTIONS = field("com.alipay.sofa.jraft.core.ReplicatorGroupImpl",
            "commonOptions");
    private static final Field REPLICATOR_OPTIONS = field(Replicator.class, "options");
    private static volatile boolean warned;

    private HeartbeatInterval() {
    }

    /**
     * Makes {@code node}'s running replicators send heartbeats every {@code ms}, from each one's next heartbeat on
     * (a no-op off leaders); with {@code alsoLater}, replicators created later (a new leader's, an added peer's)
     * too.
     */
    static void set(Node node, int ms, boolean alsoLater) {
        if (NODE_REPLICATORS == null || GROUP_COMMON_OPTIONS == null || REPLICATOR_OPTIONS == null) {
            warnOnce(null);
            return;
        }
        try {
            ReplicatorGroup group = (ReplicatorGroup) NODE_REPLICATORS.get(node);
            if (alsoLater) {
                ((ReplicatorOptions) GROUP_COMMON_OPTIONS.get(group)).setDynamicHeartBeatTimeoutMs(ms);
            }
            for (ThreadId id : group.listReplicators()) {
                if (id.getData() instanceof Replicator r) {
                    ((ReplicatorOptions) REPLICATOR_OPTIONS.get(r)).setDynamicHeartBeatTimeoutMs(ms);
                }
            }
        } catch (IllegalAccessException | ClassCastException e) {
            warnOnce(e);
        }
    }

    private static Field field(Class<?> type, String name) {
        try {
            Field f = type.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static Field field(String className, String name) {
        try {
            return field(Class.forName(className), name);
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static void warnOnce(Exception e) {
        if (!warned) {
            warned = true;
            LOG.warn("cannot change jraft's heartbeat interval (jraft internals differ from 1.4.1): quiet ranges keep "
                    + "their busy heartbeats{}", e == null ? "" : ": " + e);
        }
    }
}
