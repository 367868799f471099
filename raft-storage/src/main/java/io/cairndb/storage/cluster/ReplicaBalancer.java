package io.cairndb.storage.cluster;

import io.cairndb.storage.range.RangeDescriptor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the next replica changes of the cluster, on the meta range's leader, from the descriptors and the
 * nodes: {@code available} ones (neither dead nor draining: a node briefly away keeps its replicas) and
 * {@code live} ones (heard from just now: only they receive replicas). First ranges with fewer replicas on
 * available nodes than min(replication factor, available nodes) get one (meta first), then ranges with more
 * replicas than that lose one (a replica on a dead or draining node first, else the one on the fullest node), then, when the fullest node holds two or more replicas more than the emptiest
 * live one, one range moves from the first to the second (added there, then removed from the fullest). At most
 * {@link #MAX_CHANGES} changes per round, so the cluster changes gradually. Pure logic: {@code ClusterMember}
 * carries the changes out.
 */
final class ReplicaBalancer {
    static final int MAX_CHANGES = 2;

    /** One change: add a voter on {@code to}, remove the one on {@code from}, or both (a move). -1 = none. */
    record Change(long rangeId, int to, int from) {
        static Change add(long rangeId, int node) {
            return new Change(rangeId, node, -1);
        }

        static Change remove(long rangeId, int node) {
            return new Change(rangeId, -1, node);
        }
    }

    private ReplicaBalancer() {
    }

    static List<Change> plan(Collection<RangeDescriptor> descriptors, Set<Integer> available, Set<Integer> live,
                             int replicationFactor) {
        List<RangeDescriptor> ranges = new ArrayList<>(descriptors);
        ranges.sort(Comparator.comparingLong(RangeDescriptor::rangeId));
        Map<Integer, Integer> load = new HashMap<>();
        available.forEach(n -> load.put(n, 0));
        for (RangeDescriptor d : ranges) {
            d.replicas().forEach(n -> load.merge(n, 1, Integer::sum));
        }
        Set<Integer> targets = new java.util.HashSet<>(live);
        targets.retainAll(available);
        int want = Math.min(Math.max(1, replicationFactor), available.size());
        List<Change> changes = new ArrayList<>();
        for (RangeDescriptor d : ranges) {
            if (changes.size() >= MAX_CHANGES) {
                return changes;
            }
            long onAvailable = d.replicas().stream().filter(available::contains).count();
            Integer target = onAvailable < want ? emptiest(targets, load, d.replicas()) : null;
            if (target != null) {
                // first a replacement (a replica on a dead or draining node stays until it has one)
                changes.add(Change.add(d.rangeId(), target));
                load.merge(target, 1, Integer::sum);
            } else if (d.replicas().size() > want && want > 0) {
                int victim = d.replicas().stream().filter(n -> !available.contains(n)).findFirst()
                        .orElseGet(() -> fullest(load, d.replicas()));
                changes.add(Change.remove(d.rangeId(), victim));
                load.merge(victim, -1, Integer::sum);
            }
        }
        if (!changes.isEmpty() || targets.isEmpty() || available.size() < 2) {
            return changes;
        }
        int max = available.stream().max(Comparator.comparingInt((Integer n) -> load.get(n)).thenComparing(n -> n))
                .get();
        int min = targets.stream().min(Comparator.comparingInt((Integer n) -> load.get(n)).thenComparing(n -> n))
                .get();
        if (load.get(max) - load.get(min) < 2) {
            return changes;
        }
        for (RangeDescriptor d : ranges) {
            if (d.replicas().contains(max) && !d.replicas().contains(min)
                    && d.rangeId() != RangeDescriptor.META_RANGE_ID) {
                changes.add(new Change(d.rangeId(), min, max));
                break;
            }
        }
        return changes;
    }

    private static Integer emptiest(Set<Integer> live, Map<Integer, Integer> load, List<Integer> exclude) {
        return live.stream().filter(n -> !exclude.contains(n))
                .min(Comparator.comparingInt((Integer n) -> load.getOrDefault(n, 0)).thenComparing(n -> n))
                .orElse(null);
    }

    private static int fullest(Map<Integer, Integer> load, List<Integer> among) {
        return among.stream().max(Comparator.comparingInt((Integer n) -> load.getOrDefault(n, 0))
                .thenComparing(n -> n)).orElseThrow();
    }
}
