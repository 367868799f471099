package io.cairndb.storage;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/** What the footprint programs ({@link RangeFootprint}, {@link ClusterFootprint}) read about this process. */
final class Footprints {
    private Footprints() {
    }

    /** A field of /proc/self/status ("Threads:", "VmRSS:"), trimmed; "?" when absent. */
    static String procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith(field)) {
                return line.substring(field.length()).trim();
            }
        }
        return "?";
    }

    /** Resident memory in MiB. */
    static long rssMb() throws IOException {
        return Long.parseLong(procStatus("VmRSS:").replace("kB", "").trim()) / 1024;
    }

    /**
     * CPU nanoseconds used so far by the live JVM threads, summed per kind of thread (the name with its digits
     * removed, so the 200 "JRaft-Node-ScheduleThreadPool-12" threads count as one kind).
     */
    static Map<String, Long> cpuByThreadKind() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> byKind = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long cpu = threads.getThreadCpuTime(info.getThreadId());
            if (cpu > 0) {
                byKind.merge(info.getThreadName().replaceAll("[0-9]+", "#"), cpu, Long::sum);
            }
        }
        return byKind;
    }

    /** Prints the thread kinds that used the most CPU between two {@link #cpuByThreadKind} readings. */
    static void printTopThreadKinds(Map<String, Long> before, Map<String, Long> after, long millis, int top) {
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> System.out.printf("  %6.2f%%core  %s%n", e.getValue() / 1e4 / millis, e.getKey()));
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
