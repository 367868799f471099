package io.cairndb.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
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

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
