package io.cairndb.storage.range;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Finds the range (and the replica to ask: its leader) for a key or a span. Holds the descriptors this node
 * knows, indexed by start key; ranges never overlap.
 */
public final class RangeRouter {
    private final ConcurrentSkipListMap<byte[], RangeReplica> byStart =
            new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    private final Runnable refresh;
    /** Reloads before a key's range counts as unknown (about 3 s of pauses in all). */
    private static final int UNPUBLISHED_ATTEMPTS = 20;

    /** A router whose descriptors are all added by the caller. */
    public RangeRouter() {
        this(() -> { });
    }

    /** A router that runs {@code refresh} (reload descriptors) when a lookup finds no range. */
    public RangeRouter(Runnable refresh) {
        this.refresh = refresh;
    }

    public void add(RangeReplica replica) {
        byStart.put(replica.descriptor().startKey(), replica);
    }

    public void remove(long rangeId) {
        byStart.values().removeIf(r -> r.descriptor().rangeId() == rangeId);
    }

    /** The replica of the range holding {@code key}. */
    public RangeReplica replicaFor(byte[] key) {
        RangeReplica found = find(key);
        // a split applied here is published in meta moments later: reload a few times before giving up, so a
        // long statement writing into a growing (splitting) table does not fail over a passing gap
        for (int attempt = 0; found == null && attempt < UNPUBLISHED_ATTEMPTS; attempt++) {
            if (attempt > 0) {
                pause(attempt);
            }
            refresh.run();
            found = find(key);
        }
        if (found == null) {
            // typically a split this node has applied (its parent's span narrowed) whose new range is not yet
            // published: it will be within moments
            throw new RangeUnavailableException("no range known to hold key " + io.cairndb.storage.keys.KeySpace.hex(key)
                    + " (a split not published yet, or a table whose range StorageNode.ensureTableRange never "
                    + "created); retry the transaction");
        }
        return found;
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(200, 10L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RangeUnavailableException("interrupted while looking for the range of a key");
        }
    }

    private RangeReplica find(byte[] key) {
        Map.Entry<byte[], RangeReplica> e = byStart.floorEntry(key);
        return e == null || !e.getValue().descriptor().contains(key) ? null : e.getValue();
    }

    /**
     * Replicas of every range overlapping {@code [start, end)} (empty end = unbounded), in key order, as far as this
     * node knows them: a gap left after one reload is returned as it is, so callers that must not miss keys find
     * each next range with {@link #replicaFor} (StoreScan does).
     */
    public List<RangeReplica> overlapping(byte[] start, byte[] end) {
        List<RangeReplica> out = collect(start, end);
        if (!covers(out, start, end)) {
            refresh.run(); // a range created (or moved) by another node since the last refresh
            out = collect(start, end);
        }
        return out;
    }

    /** Whether {@code ranges} cover {@code [start, end)} without a gap. */
    private static boolean covers(List<RangeReplica> ranges, byte[] start, byte[] end) {
        byte[] at = start;
        for (RangeReplica r : ranges) {
            RangeDescriptor d = r.descriptor();
            if (Arrays.compareUnsigned(d.startKey(), at) > 0) {
                return false;
            }
            if (d.endKey().length == 0) {
                return true;
            }
            at = d.endKey();
            if (end.length > 0 && Arrays.compareUnsigned(at, end) >= 0) {
                return true;
            }
        }
        return false;
    }

    private List<RangeReplica> collect(byte[] start, byte[] end) {
        List<RangeReplica> out = new ArrayList<>();
        byte[] from = byStart.floorKey(start);
        Map<byte[], RangeReplica> tail = from == null ? byStart : byStart.tailMap(from, true);
        for (RangeReplica r : tail.values()) {
            RangeDescriptor d = r.descriptor();
            if (end.length > 0 && Arrays.compareUnsigned(d.startKey(), end) >= 0) {
                break;
            }
            if (d.endKey().length == 0 || Arrays.compareUnsigned(d.endKey(), start) > 0) {
                out.add(r);
            }
        }
        return out;
    }

    public RangeReplica byId(long rangeId) {
        RangeReplica r = findId(rangeId);
        if (r == null) {
            refresh.run();
            r = findId(rangeId);
        }
        return r;
    }

    private RangeReplica findId(long rangeId) {
        for (RangeReplica r : byStart.values()) {
            if (r.descriptor().rangeId() == rangeId) {
                return r;
            }
        }
        return null;
    }

    public RangeReplica byTable(int tableId) {
        RangeReplica r = findTable(tableId);
        if (r == null) {
            refresh.run();
            r = findTable(tableId);
        }
        return r;
    }

    private RangeReplica findTable(int tableId) {
        for (RangeReplica r : byStart.values()) {
            if (r.descriptor().tableId() == tableId) {
                return r;
            }
        }
        return null;
    }

    public List<RangeReplica> all() {
        return new ArrayList<>(byStart.values());
    }
}
