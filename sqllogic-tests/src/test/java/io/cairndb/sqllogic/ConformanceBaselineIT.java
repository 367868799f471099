package io.cairndb.sqllogic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.cairndb.server.CairnNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed conformance subset of the default build: every file named in {@code baseline.json} runs against a real
 * node through the JDBC driver (two nodes, two files at a time), and its failures are compared with the checked-in figures. A file that fails more
 * queries (or passes fewer, e.g. because a statement now aborts it) than its baseline fails the build; a file that does
 * better passes, and the test prints that the baseline should be updated (the measured figures are written to
 * {@code target/sqllogic-baseline-measured.json} in the baseline's own format, ready to copy).
 */
class ConformanceBaselineIT {

    record Counts(int passed, int failed, int ignored) {
    }

    @Test
    void subsetIsNoWorseThanBaseline(@TempDir Path dataDir) throws Exception {
        JsonNode baseline;
        try (InputStream in = getClass().getResourceAsStream("/baseline.json")) {
            baseline = ConformanceRunner.json().readTree(in);
        }
        JsonNode files = baseline.get("files");
        assertFalse(files == null || files.isEmpty(), "baseline.json names no files");
        List<String> corpus = ConformanceRunner.corpus();

        List<String> worse = new ArrayList<>();
        List<String> better = new ArrayList<>();
        ObjectNode measured = ConformanceRunner.json().createObjectNode();
        measured.put("command", baseline.path("command").asText());
        ObjectNode measuredFiles = measured.putObject("files");
        Map<String, Counts> expectedByFile = new java.util.LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = files.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            assertEquals(true, corpus.contains(e.getKey()), "baseline names " + e.getKey()
                    + ", which is not in the corpus");
            expectedByFile.put(e.getKey(), new Counts(e.getValue().get("passed").asInt(),
                    e.getValue().get("failed").asInt(), e.getValue().get("ignored").asInt()));
        }
        List<ConformanceRunner.FileResult> results;
        // two nodes, one file on each at a time: both cores of the build machine
        try (CairnNode first = ConformanceRunner.startNode(dataDir.resolve("node0"));
             CairnNode second = ConformanceRunner.startNode(dataDir.resolve("node1"))) {
            results = ConformanceRunner.runParallel(List.of(new ConformanceRunner(first.jdbcUrl(), 0, 5, 0),
                    new ConformanceRunner(second.jdbcUrl(), 0, 5, 0)), List.copyOf(expectedByFile.keySet()),
                    System.out);
            for (ConformanceRunner.FileResult r : results) {
                String file = r.file();
                Counts expected = expectedByFile.get(file);
                ObjectNode m = measuredFiles.putObject(file);
                m.put("passed", r.passed());
                m.put("failed", r.failed());
                m.put("ignored", r.ignored());
                String line = String.format("%s: baseline passed %d failed %d, now passed %d failed %d",
                        file, expected.passed(), expected.failed(), r.passed(), r.failed());
                if (r.failed() > expected.failed() || r.passed() < expected.passed()) {
                    StringBuilder why = new StringBuilder(line);
                    if (r.abortedBy() != null) {
                        why.append("\n    file aborted by: ").append(r.abortedBy());
                    }
                    if (r.error() != null) {
                        why.append("\n    error: ").append(r.error());
                    }
                    r.failureClasses().forEach((k, v) -> why.append("\n    ").append(v).append(" x ").append(k));
                    for (ConformanceRunner.Failure f : r.sampleFailures()) {
                        why.append("\n    e.g. line ").append(f.line()).append(": ")
                                .append(ConformanceRunner.abbreviate(f.query(), 200)).append("\n      -> ")
                                .append(ConformanceRunner.abbreviate(f.error(), 300));
                    }
                    worse.add(why.toString());
                } else if (r.failed() < expected.failed() || r.passed() > expected.passed()) {
                    better.add(line);
                }
            }
        }
        ConformanceRunner.Summary summary = ConformanceRunner.summarize("in-process node",
                results.stream().map(ConformanceRunner.FileResult::file).toList(), 0, results,
                results.stream().mapToDouble(ConformanceRunner.FileResult::seconds).sum());
        ConformanceRunner.print(summary, System.out); // the per-file lines were printed as the files finished
        Path out = Path.of("target", "sqllogic-baseline-measured.json");
        Files.createDirectories(out.getParent());
        ConformanceRunner.json().writeValue(out.toFile(), measured);
        if (!better.isEmpty()) {
            System.out.println("sqllogictest subset improved; update src/test/resources/baseline.json (measured figures"
                    + " are in " + out.toAbsolutePath() + "):\n  " + String.join("\n  ", better));
        }
        if (!worse.isEmpty()) {
            fail("sqllogictest conformance regressed against src/test/resources/baseline.json in "
                    + worse.size() + " file(s):\n" + String.join("\n", worse));
        }
    }
}
