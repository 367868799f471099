package io.cairndb.storage.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.range.RangeDescriptor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplicaBalancerTest {

    private static RangeDescriptor range(long id, Integer... nodes) {
        return new RangeDescriptor(id, (int) id, new byte[] {(byte) id}, new byte[] {(byte) (id + 1)}, List.of(nodes),
                1);
    }

    @Test
    void upReplicatesMetaFirstOntoTheEmptiestNodes() {
        List<ReplicaBalancer.Change> plan = ReplicaBalancer.plan(List.of(range(2, 1), range(1, 1)),
                Set.of(1, 2, 3), Set.of(1, 2, 3), 3);
        assertEquals(List.of(ReplicaBalancer.Change.add(1, 2), ReplicaBalancer.Change.add(2, 3)), plan);
    }

    @Test
    void fewerLiveNodesThanTheFactorUseWhatThereIs() {
        assertTrue(ReplicaBalancer.plan(List.of(range(1, 1, 2)), Set.of(1, 2), Set.of(1, 2), 3).isEmpty());
    }

    @Test
    void aSurplusReplicaGoesFromADeadNodeFirst() {
        List<ReplicaBalancer.Change> plan = ReplicaBalancer.plan(List.of(range(5, 1, 2, 3, 4)), Set.of(1, 2, 3),
                Set.of(1, 2, 3), 3);
        assertEquals(List.of(ReplicaBalancer.Change.remove(5, 4)), plan);
    }

    @Test
    void aNodeBrieflyAwayKeepsItsReplicasAndReceivesNone() {
        // node 3 stopped a few seconds ago: not dead, so nothing is taken from it, and nothing is sent to it
        assertTrue(ReplicaBalancer.plan(List.of(range(1, 1, 2, 3), range(2, 1, 2, 3)), Set.of(1, 2, 3),
                Set.of(1, 2), 3).isEmpty());
        assertEquals(List.of(ReplicaBalancer.Change.add(4, 2)), ReplicaBalancer.plan(List.of(range(4, 1)),
                Set.of(1, 2, 3), Set.of(1, 2), 2));
    }

    @Test
    void aJoinedNodeReceivesReplicasUntilTheSpreadIsAtMostOne() {
        List<RangeDescriptor> ranges = new ArrayList<>();
        ranges.add(range(1, 1, 2, 3));
        for (long id = 2; id <= 9; id++) {
            ranges.add(range(id, 1, 2, 3));
        }
        Set<Integer> live = Set.of(1, 2, 3, 4);
        for (int round = 0; round < 50; round++) {
            List<ReplicaBalancer.Change> plan = ReplicaBalancer.plan(ranges, live, live, 3);
            if (plan.isEmpty()) {
                break;
            }
            for (ReplicaBalancer.Change c : plan) {
                for (int i = 0; i < ranges.size(); i++) {
                    RangeDescriptor d = ranges.get(i);
                    if (d.rangeId() == c.rangeId()) {
                        Set<Integer> voters = new HashSet<>(d.replicas());
                        if (c.to() >= 0) {
                            voters.add(c.to());
                        }
                        if (c.from() >= 0) {
                            voters.remove(c.from());
                        }
                        List<Integer> sorted = new ArrayList<>(voters);
                        sorted.sort(Integer::compare);
                        ranges.set(i, new RangeDescriptor(d.rangeId(), d.tableId(), d.startKey(), d.endKey(),
                                sorted, d.generation() + 1));
                    }
                }
            }
        }
        Map<Integer, Integer> load = new HashMap<>();
        for (RangeDescriptor d : ranges) {
            assertEquals(3, d.replicas().size(), "every range keeps three replicas");
            d.replicas().forEach(n -> load.merge(n, 1, Integer::sum));
        }
        int max = load.values().stream().max(Integer::compare).orElseThrow();
        int min = load.values().stream().min(Integer::compare).orElseThrow();
        assertTrue(max - min <= 1, "spread " + load);
        assertTrue(load.getOrDefault(4, 0) >= 6, "the new node carries its share: " + load);
    }
}
