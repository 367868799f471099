package io.cairndb.storage;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Measures what table ranges cost a node: opens a node in a fresh directory, creates N table ranges, then
 * prints the JVM's live threads, the process's OS threads (RocksDB's native threads included), open file
 * descriptors, RSS, the CPU the idle node burns, and how long creating and dropping the ranges took.
 * A program, not a test (its figures are timings); run one JVM per range count so figures do not mix:
 * see README "Footprint".
 */
public final class RangeFootprint {
    private static final long IDLE_MILLIS = 10_000;

    private RangeFootprint() {
    }

    public static void main(String[] args) throws Exception {
        int ranges = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("cairndb-footprint");
        try (StorageNode node = TestNodes.open(dir)) {
            long start = System.nanoTime();
            for (int table = 1; table <= ranges; table++) {
                node.ensureTableRange(table);
            }
            long createMs = (System.nanoTime() - start) / 1_000_000;
            System.gc();
            Thread.sleep(2000); // let start-up work settle so RSS is the steady state, not a transient peak
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            Thread.sleep(IDLE_MILLIS);
            double idleCorePercent = (os.getProcessCpuTime() - cpuBefore) / 1e4 / IDLE_MILLIS;
            int jvmThreads = ManagementFactory.getThreadMXBean().getThreadCount();
            String osThreads = Footprints.procStatus("Threads:");
            long fds;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                fds = s.count();
            }
            long rssMb = Footprints.rssMb();
            start = System.nanoTime();
            for (int table = 1; table <= ranges; table++) {
                node.dropTableRange(table);
            }
            long dropMs = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("ranges=%d jvmThreads=%d osThreads=%s fds=%d rssMB=%d idleCpu=%.1f%%core "
                            + "create=%dms drop=%dms%n", ranges, jvmThreads, osThreads, fds, rssMb, idleCorePercent,
                    createMs, dropMs);
        } finally {
            Footprints.deleteTree(dir);
        }
    }
}
