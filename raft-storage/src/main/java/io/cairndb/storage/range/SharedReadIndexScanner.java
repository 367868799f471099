package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Node;
import com.alipay.sofa.jraft.ReadOnlyService;
import com.alipay.sofa.jraft.core.NodeImpl;
import com.alipay.sofa.jraft.core.ReadOnlyServiceImpl;
import com.alipay.sofa.jraft.util.NamedThreadFactory;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One thread that re-checks every group's waiting reads, instead of one per group. jraft's read-index service
 * answers a read that waits for the state machine to apply up to an index when the apply happens; as a safety net
 * it also re-checks its waiting reads on a timer, with a scheduler thread of its own in every group (200 ranges:
 * 200 threads, each waking every 2 s). This scanner stops those threads and does the same check for all adopted
 * groups on one thread at the same period.
 *
 * <p>jraft 1.4.1 exposes neither the service nor its scheduler, so both are reached by reflection; if that ever
 * fails (another jraft version), the group keeps its own scanner and nothing else changes.
 */
final class SharedReadIndexScanner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedReadIndexScanner.class);
    private static final Field READ_ONLY_SERVICE = field(NodeImpl.class, "readOnlyService", ReadOnlyService.class);
    private static final Field SCHEDULER = field(ReadOnlyServiceImpl.class, "scheduledExecutorService",
            ScheduledExecutorService.class);

    private final Map<Node, ReadOnlyServiceImpl> services = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scanner =
            Executors.newSingleThreadScheduledExecutor(new NamedThreadFactory("raft-read-index-scanner", true));

    SharedReadIndexScanner(long periodMs) {
        scanner.scheduleWithFixedDelay(this::scan, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Takes over the re-checks of {@code node}'s read-index service and stops its own scanner thread. */
    void adopt(Node node) {
        if (READ_ONLY_SERVICE == null || SCHEDULER == null || !(node instanceof NodeImpl)) {
            return;
        }
        try {
            if (READ_ONLY_SERVICE.get(node) instanceof ReadOnlyServiceImpl service
                    && SCHEDULER.get(service) instanceof ScheduledExecutorService own) {
                services.put(node, service);
                own.shutdownNow(); // its only task is the periodic re-check, now done here
            }
        } catch (IllegalAccessException | RuntimeException e) {
            LOG.debug("group {} keeps its own read-index scanner: {}", node.getGroupId(), e.toString());
        }
    }

    /** Forgets a group that stopped. */
    void release(Node node) {
        services.remove(node);
    }

    private void scan() {
        services.forEach((node, service) -> {
            try {
                service.onApplied(node.getLastAppliedLogIndex());
            } catch (RuntimeException e) {
                LOG.warn("re-checking the waiting reads of group {} failed", node.getGroupId(), e);
            }
        });
    }

    @Override
    public void close() {
        scanner.shutdownNow();
        services.clear();
    }

    private static Field field(Class<?> owner, String name, Class<?> type) {
        try {
            Field field = owner.getDeclaredField(name);
            if (!type.isAssignableFrom(field.getType())) {
                throw new NoSuchFieldException(name + " is a " + field.getType());
            }
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException | RuntimeException e) {
            LOG.info("jraft {}.{} not found; every group keeps its own read-index scanner", owner.getSimpleName(),
                    name);
            return null;
        }
    }
}
