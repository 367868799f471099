package io.cairndb.storage;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Measures what ranges cost a three-node cluster with replication factor 3, all three nodes in this JVM (so the
 * figures are the whole cluster's): creates N table ranges, waits until each has three replicas and is quiet, and
 * 30 s more, then prints live threads, RSS and the CPU the idle cluster burns over 20 s (and which threads). A program, not a test; see raft-storage/README "Footprint".
 */
public final class ClusterFootprint {
    private static final long IDLE_MILLIS = 20_000;

    private ClusterFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int ranges = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("cairndb-cluster-footprint");
        int[] ports = {TestNodes.freePort(), TestNodes.freePort(), TestNodes.freePort()};
        List<StorageNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                List<String> join = i == 0 ? List.of() : List.of("127.0.0.1:" + ports[0]);
                nodes.add(StorageNode.open(new StorageConfig(dir.resolve("n" + i), "127.0.0.1", ports[i], join,
                        "127.0.0.1:0", 3)));
            }
            StorageNode first = nodes.get(0);
            while (first.rangeStatuses().get(0).replicas().size() < 3) {
                Thread.sleep(200);
            }
            long start = System.nanoTime();
            for (int table = 1; table <= ranges; table++) {
                nodes.get(table % 3).ensureTableRange(table);
            }
            long createMs = (System.nanoTime() - start) / 1_000_000;
            // measure the idle cluster, not the tail of up-replication: every range on three nodes first
            long deadline = System.currentTimeMillis() + 600_000;
            while (first.rangeStatuses().stream().anyMatch(r -> r.replicas().size() < 3)
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(1000);
            }
            // and idle ranges quiet (10 s without reads or writes; the meta range never is), then 30 s more for
            // what up-replication left behind (snapshot threads, garbage) to settle
            while (first.rangeStatuses().stream().filter(r -> r.rangeId() != 1).anyMatch(r -> !r.quiet())
                    && System.currentTimeMillis() < deadline) {
                Thread.sleep(1000);
            }
            System.gc();
            Thread.sleep(30_000);
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            Map<String, Long> threadsBefore = Footprints.cpuByThreadKind();
            Thread.sleep(IDLE_MILLIS);
            double idleCorePercent = (os.getProcessCpuTime() - cpuBefore) / 1e4 / IDLE_MILLIS;
            Footprints.printTopThreadKinds(threadsBefore, Footprints.cpuByThreadKind(), IDLE_MILLIS, 15);
            int jvmThreads = ManagementFactory.getThreadMXBean().getThreadCount();
            long rssMb = Footprints.rssMb();
            long replicas = first.nodeStatuses().stream().mapToLong(NodeStatus::replicas).sum();
            System.out.printf("nodes=3 ranges=%d replicas=%d jvmThreads=%d rssMB=%d idleCpu=%.1f%%core create=%dms%n",
                    ranges, replicas, jvmThreads, rssMb, idleCorePercent, createMs);
        } finally {
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
            Footprints.deleteTree(dir);
        }
    }
}
