package io.cairndb.sqllogic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import net.hydromatic.sqllogictest.CairnStatisticsAccess;
import net.hydromatic.sqllogictest.Main;
import net.hydromatic.sqllogictest.OptionsParser;
import net.hydromatic.sqllogictest.TestLoader;
import net.hydromatic.sqllogictest.TestStatistics;

/**
 * Runs parts of SQLite's sqllogictest corpus (the {@code test/**.test} resources of net.hydromatic:sql-logic-test)
 * against ONE real CairnDB node started in-process, through the JDBC driver, and reports passed / failed / ignored
 * per file and in total.
 *
 * <pre>
 * ConformanceRunner [--json FILE] [--verbose] [--samples N] [--max-queries N] [--jobs N] [--list] PATTERN...
 * </pre>
 *
 * A PATTERN selects every corpus file whose resource path contains it, as the runner's own {@code Main} does
 * ({@code select1}, {@code index/between}, {@code random/expr/slt_good_1.test}); {@code all} selects the whole corpus.
 * Files run one after another, in path order, or {@code --jobs N} at once, each on its own node.
 *
 * <p>Per file this is {@link Main#execute}'s own loop ({@code OptionsParser.parse("-e", "cairndb", file)} and
 * {@link TestLoader#visitFile}) without its classpath rescan per call, so that the statistics come back per file.
 */
public final class ConformanceRunner {

    /** Outcome of one .test file. */
    public record FileResult(String file, int queriesInFile, int passed, int failed, int ignored, boolean aborted,
                             String abortedBy,
                             String error, double seconds, Map<String, Integer> failureClasses,
                             List<Failure> sampleFailures) {
        public double passRate() {
            int run = passed + failed;
            return run == 0 ? 0.0 : 100.0 * passed / run;
        }
    }

    /** One failed query: its line in the file, the SQL, the runner's message or the driver's error. */
    public record Failure(int line, String query, String error) {
    }

    /** The whole run. */
    public record Summary(String node, List<String> patterns, int maxQueriesPerFile, int files, int passed,
                          int failed, int ignored, int abortedFiles, double passRate, double seconds,
                          List<FailureClass> failureClasses, List<FileResult> results) {
    }

    /** A failure class over the whole run, with one example. */
    public record FailureClass(String failureClass, int count, String exampleFile, int exampleLine,
                               String exampleQuery, String exampleError) {
    }

    private final String jdbcUrl;
    private final int verbosity;
    private final int samplesPerFile;
    private final int maxQueries;

    /**
     * @param samplesPerFile failed queries kept per file (all are counted and classified)
     * @param maxQueries     if positive, only each file's first {@code maxQueries} queries run
     */
    public ConformanceRunner(String jdbcUrl, int verbosity, int samplesPerFile, int maxQueries) {
        this.jdbcUrl = jdbcUrl;
        this.verbosity = verbosity;
        this.samplesPerFile = samplesPerFile;
        this.maxQueries = maxQueries;
    }

    /** Every .test resource of the corpus, sorted ({@code test/select1.test}, ...). */
    public static List<String> corpus() {
        return Main.getTestList().stream().sorted().toList();
    }

    /** The corpus files that contain any of the patterns ({@code all} matches everything). */
    public static List<String> select(List<String> patterns) {
        return corpus().stream()
                .filter(f -> patterns.stream().anyMatch(p -> p.equals("all") || f.contains(p)))
                .toList();
    }

    /** Runs one corpus file (a resource path from {@link #corpus()}) and returns its statistics. */
    public FileResult runFile(String file) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        boolean verbose = verbosity > 0;
        PrintStream sink = verbose ? System.err : new PrintStream(captured, true, StandardCharsets.UTF_8);
        OptionsParser parser = new OptionsParser(false, verbose ? System.out : sink, sink);
        AtomicReference<CairnExecutor> executor = new AtomicReference<>();
        CairnExecutor.register(parser, jdbcUrl, maxQueries, executor::set);
        long start = System.nanoTime();
        TestStatistics stats;
        String error = null;
        List<String> args = new ArrayList<>(List.of("-e", CairnExecutor.NAME));
        for (int i = 0; i < verbosity; i++) {
            args.add("-v"); // -v: progress and errors; -v -v: every statement and query
        }
        args.add(file);
        OptionsParser.SuppliedOptions options = parser.parse(args.toArray(new String[0]));
        TestLoader loader = new TestLoader(options);
        try {
            loader.visitFile(file);
        } catch (RuntimeException e) {
            // connection or cleanup failures surface as IllegalArgumentException(SQLException) from TestLoader
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            error = CairnExecutor.oneLine(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
        stats = loader.statistics;
        double seconds = (System.nanoTime() - start) / 1e9;
        String abortedBy = executor.get() == null ? null : executor.get().abortedBy();
        boolean aborted = abortedBy != null || stats.getParseFailureCount() > 0 || error != null;
        Map<String, Integer> classes = new TreeMap<>();
        List<Failure> samples = new ArrayList<>();
        for (TestStatistics.FailedTestDescription f : CairnStatisticsAccess.failures(stats)) {
            String message = message(f);
            classes.merge(classify(message), 1, Integer::sum);
            if (samples.size() < samplesPerFile) {
                samples.add(new Failure(CairnStatisticsAccess.line(f.query), CairnExecutor.oneLine(f.query.getQuery()),
                        message));
            }
        }
        int queriesInFile = executor.get() == null ? 0 : executor.get().queriesInFile();
        return new FileResult(file, queriesInFile, stats.getPassedTestCount(), stats.getFailedTestCount(),
                stats.getIgnoredTestCount(), aborted, abortedBy, error, seconds, classes, samples);
    }

    static String message(TestStatistics.FailedTestDescription f) {
        if (f.error != null && !f.error.isEmpty()) {
            String details = f.details == null || f.details.isBlank() ? "" : " [" + abbreviate(f.details, 300) + "]";
            return CairnExecutor.oneLine(f.error + details);
        }
        Throwable t = f.exception;
        if (t == null) {
            return "(no message)";
        }
        String m = t.getMessage();
        return CairnExecutor.oneLine(t.getClass().getSimpleName() + ": " + (m == null ? "" : m));
    }

    /**
     * A failure's class: the runner's verdict for wrong results, otherwise the driver's error with literals, numbers
     * and names of the file's tables/columns blurred so that equal causes group together.
     */
    static String classify(String message) {
        if (message.startsWith("Hash of data does not match")) {
            return "wrong result (hash mismatch)";
        }
        if (message.startsWith("Expected ") && message.contains(" rows, got ")) {
            return "wrong result (row count)";
        }
        if (message.startsWith("Output differs") || message.startsWith("Output")) {
            return "wrong result (values differ)";
        }
        String s = message
                .replaceAll("Character \\S ", "Character ? ")
                .replaceAll("'[^']*'", "'…'")
                .replaceAll("\"[^\"]*\"", "\"…\"")
                .replaceAll("\\b(tab|t|v|view)[0-9]+\\b", "$1N")
                .replaceAll("\\b(col|cor)[0-9]+\\b", "colN")
                .replaceAll("\\b[0-9]+(\\.[0-9]+)?\\b", "N");
        int cut = s.indexOf(" at line ");
        if (cut < 0) {
            cut = s.indexOf(", column ");
        }
        if (cut > 0) {
            s = s.substring(0, cut);
        }
        return s.length() > 160 ? s.substring(0, 160) + "…" : s;
    }

    /** Runs the files in order, printing one line per file as it finishes. */
    public List<FileResult> run(List<String> files, PrintStream out) {
        return runParallel(List.of(this), files, out);
    }

    /**
     * Runs the files on as many nodes at once as there are runners (each runner talks to its own node, one file at
     * a time: the files of the corpus all create tables of the same names), printing one line per file as it
     * finishes; the results come back in the files' order.
     */
    public static List<FileResult> runParallel(List<ConformanceRunner> runners, List<String> files,
                                               PrintStream out) {
        out.printf("%-48s %9s %9s %9s %9s %8s %8s%n", "file", "queries", "passed", "failed", "ignored", "rate",
                "seconds");
        java.util.concurrent.ConcurrentLinkedQueue<String> queue = new java.util.concurrent.ConcurrentLinkedQueue<>(
                files);
        Map<String, FileResult> done = new java.util.concurrent.ConcurrentHashMap<>();
        List<Thread> workers = new ArrayList<>();
        for (ConformanceRunner runner : runners) {
            Thread worker = new Thread(() -> {
                for (String file = queue.poll(); file != null; file = queue.poll()) {
                    FileResult r = runner.runFile(file);
                    done.put(file, r);
                    synchronized (out) {
                        printLine(r, out);
                    }
                }
            }, "slt-worker-" + workers.size());
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the corpus ran", e);
            }
        }
        List<FileResult> results = new ArrayList<>();
        for (String file : files) {
            FileResult r = done.get(file);
            if (r == null) {
                throw new IllegalStateException("a worker stopped before running " + file);
            }
            results.add(r);
        }
        return results;
    }

    private static void printLine(FileResult r, PrintStream out) {
        out.printf("%-48s %9d %9d %9d %9d %7.2f%% %8.1f%s%n", r.file(), r.queriesInFile(), r.passed(), r.failed(),
                r.ignored(), r.passRate(), r.seconds(), r.aborted() ? "  ABORTED" : "");
        if (r.abortedBy() != null) {
            out.println("    aborted by: " + abbreviate(r.abortedBy(), 300));
        }
        if (r.error() != null) {
            out.println("    error: " + abbreviate(r.error(), 300));
        }
        out.flush();
    }

    public static Summary summarize(String node, List<String> patterns, int maxQueries, List<FileResult> results,
                                    double seconds) {
        int passed = 0;
        int failed = 0;
        int ignored = 0;
        int aborted = 0;
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String[]> examples = new LinkedHashMap<>();
        for (FileResult r : results) {
            passed += r.passed();
            failed += r.failed();
            ignored += r.ignored();
            aborted += r.aborted() ? 1 : 0;
            r.failureClasses().forEach((k, v) -> counts.merge(k, v, Integer::sum));
            for (Failure f : r.sampleFailures()) {
                examples.putIfAbsent(classify(f.error()),
                        new String[] {r.file(), String.valueOf(f.line()), f.query(), f.error()});
            }
            if (r.abortedBy() != null) {
                String k = "file aborted by a failing 'statement ok': " + classify(r.abortedBy().replaceFirst(
                        "^.* -> ", ""));
                counts.merge(k, 1, Integer::sum);
                examples.putIfAbsent(k, new String[] {r.file(), "0", r.abortedBy(), r.abortedBy()});
            }
        }
        List<FailureClass> classes = new ArrayList<>();
        counts.forEach((k, v) -> {
            String[] e = examples.getOrDefault(k, new String[] {null, "0", null, null});
            classes.add(new FailureClass(k, v, e[0], Integer.parseInt(e[1]), e[2], e[3]));
        });
        classes.sort(Comparator.comparingInt(FailureClass::count).reversed());
        int run = passed + failed;
        return new Summary(node, patterns, maxQueries, results.size(), passed, failed, ignored, aborted,
                run == 0 ? 0.0 : 100.0 * passed / run, seconds, classes, results);
    }

    public static void print(Summary s, PrintStream out) {
        int queries = s.results().stream().mapToInt(FileResult::queriesInFile).sum();
        out.printf("%-48s %9d %9d %9d %9d %7.2f%% %8.1f%n", "TOTAL (" + s.files() + " files, " + s.abortedFiles()
                + " aborted)", queries, s.passed(), s.failed(), s.ignored(), s.passRate(), s.seconds());
        if (!s.failureClasses().isEmpty()) {
            out.println();
            out.println("failure classes (most frequent first):");
            for (FailureClass c : s.failureClasses()) {
                out.printf("%9d  %s%n", c.count(), c.failureClass());
                if (c.exampleQuery() != null) {
                    String where = c.exampleFile() + (c.exampleLine() > 0 ? ":" + c.exampleLine() : "");
                    out.println("           e.g. " + where + "  " + abbreviate(c.exampleQuery(), 200));
                    if (!c.exampleError().equals(c.failureClass())) {
                        out.println("                -> " + abbreviate(c.exampleError(), 200));
                    }
                }
            }
        }
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    public static ObjectMapper json() {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts a single real node (port 0, a free Raft port, no HTTP endpoint) in a fresh directory. */
    public static CairnNode startNode(Path dataDir) throws IOException {
        return CairnNode.start(new NodeConfig(dataDir, "127.0.0.1", 0, freePort(), 0, List.of(), 1));
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp dir
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: ConformanceRunner [--json FILE] [--verbose] [--samples N] [--max-queries N] [--jobs N]"
                + " [--repeat N] [--list]"
                + " PATTERN...");
        out.println("  PATTERN  substring of a corpus path (select1, index/between, random/expr/slt_good_1.test);");
        out.println("           'all' runs the whole corpus; --list prints the matching files without running");
        out.println("  --json   write a machine-readable summary (per file, totals, failure classes)");
        out.println("  --samples N  failed queries kept per file in the JSON (default 20)");
        out.println("  --max-queries N  run only each file's first N queries (quick samples of long files)");
        out.println("  --jobs N  run N files at once, each on its own node in this JVM (default 1; 2 uses both"
                + " cores of a 2-core machine)");
        out.println("  --repeat N  run the files N times on the same nodes, with totals per pass (does what earlier"
                + " files leave behind slow later ones?); the JSON holds the last pass");
        out.println("  --verbose  show the runner's own output (progress, statement errors);"
                + " twice: every statement and query");
    }

    public static void main(String[] args) throws Exception {
        String jsonPath = null;
        int verbosity = 0;
        boolean list = false;
        int samples = 20;
        int maxQueries = 0;
        int jobs = 1;
        int passes = 1;
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--json" -> jsonPath = args[++i];
                case "--verbose", "-v" -> verbosity++;
                case "--list" -> list = true;
                case "--samples" -> samples = Integer.parseInt(args[++i]);
                case "--max-queries" -> maxQueries = Integer.parseInt(args[++i]);
                case "--jobs", "-j" -> jobs = Math.max(1, Integer.parseInt(args[++i]));
                case "--repeat" -> passes = Math.max(1, Integer.parseInt(args[++i]));
                case "--help", "-h" -> {
                    usage(System.out);
                    return;
                }
                default -> {
                    for (String p : args[i].trim().split("\\s+")) {
                        if (!p.isEmpty()) {
                            patterns.add(p);
                        }
                    }
                }
            }
        }
        if (patterns.isEmpty()) {
            usage(System.err);
            System.exit(2);
        }
        List<String> files = select(patterns);
        if (files.isEmpty()) {
            System.err.println("no corpus file matches " + patterns);
            System.exit(2);
        }
        if (list) {
            files.forEach(System.out::println);
            return;
        }
        Path dir = Files.createTempDirectory("cairndb-slt-");
        int exit = 0;
        List<CairnNode> nodes = new ArrayList<>();
        try {
            List<ConformanceRunner> runners = new ArrayList<>();
            for (int j = 0; j < Math.min(jobs, files.size()); j++) {
                CairnNode node = startNode(dir.resolve("node" + j));
                nodes.add(node);
                runners.add(new ConformanceRunner(node.jdbcUrl(), verbosity, samples, maxQueries));
                System.out.println("CairnDB node " + node.jdbcUrl() + " (data in " + dir.resolve("node" + j) + ")");
            }
            System.out.println(files.size() + " file(s) on " + nodes.size() + " node(s)");
            Summary summary = null;
            for (int pass = 1; pass <= passes; pass++) {
                if (passes > 1) {
                    System.out.println("pass " + pass + " of " + passes);
                }
                long start = System.nanoTime();
                List<FileResult> results = runParallel(runners, files, System.out);
                double seconds = (System.nanoTime() - start) / 1e9;
                summary = summarize(nodes.get(0).jdbcUrl(), patterns, maxQueries, results, seconds);
                print(summary, System.out);
            }
            if (jsonPath != null) {
                Path p = Path.of(jsonPath).toAbsolutePath();
                if (p.getParent() != null) {
                    Files.createDirectories(p.getParent());
                }
                json().writeValue(p.toFile(), summary);
                System.out.println("JSON summary: " + p);
            }
        } catch (RuntimeException e) {
            e.printStackTrace();
            exit = 1;
        } finally {
            for (CairnNode node : nodes) {
                node.close();
            }
            deleteTree(dir);
        }
        System.exit(exit);
    }
}
