package io.cairndb.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.cli.Main;
import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The commands a user types, run against a real node: `sql -e`, its exit status, `status`, the demo's data. */
class CliAgainstNodeIT {
    private static Path dir;
    private static CairnNode node;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("cairndb-cli-it");
        int raftPort;
        try (ServerSocket s = new ServerSocket(0)) {
            raftPort = s.getLocalPort();
        }
        node = CairnNode.start(new NodeConfig(dir, "127.0.0.1", 0, raftPort, 0, List.of(), 1));
    }

    @AfterAll
    static void stop() throws IOException {
        node.close();
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Runs `cairndb args...` in this JVM; returns exit status, stdout and stderr. */
    private static String[] run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            int status = Main.commandLine().execute(args);
            return new String[] {String.valueOf(status), outBytes.toString(StandardCharsets.UTF_8),
                errBytes.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void sqlRunsStatementsAndPrintsAlignedResults() {
        String[] r = run("sql", "--url", node.jdbcUrl(), "-e", "CREATE TABLE cli_t (id INT PRIMARY KEY, name VARCHAR(10))",
                "-e", "INSERT INTO cli_t VALUES (1, 'one'), (22, 'twenty-two')", "-e", "SELECT * FROM cli_t ORDER BY id");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("2 rows affected"), r[1]);
        assertTrue(r[1].contains(" 22 | twenty-two"), r[1]);
        assertTrue(r[1].contains("(2 rows)"), r[1]);
    }

    @Test
    void sqlStopsAtTheFirstErrorWithItsSqlState() {
        String[] r = run("sql", "--url", node.jdbcUrl(), "-e", "SELECT nothing FROM nowhere", "-e", "CREATE TABLE never (a INT)");
        assertEquals("1", r[0]);
        assertTrue(r[2].contains("(SQLSTATE 42P01)"), r[2]);
        String[] check = run("sql", "--url", node.jdbcUrl(), "-e", "SELECT COUNT(*) FROM never");
        assertEquals("1", check[0], "the statement after the error must not have run");
    }

    @Test
    void statusListsTheNode() {
        String[] r = run("status", "--url", node.jdbcUrl());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("127.0.0.1:"), r[1]);
    }

    @Test
    void demoSchemaLoadsAndItsExampleQueriesAnswer() throws Exception {
        try (Connection c = DriverManager.getConnection(node.jdbcUrl()); Statement s = c.createStatement()) {
            for (String sql : DemoData.SCHEMA) {
                s.executeUpdate(sql);
            }
            for (String sql : DemoData.inserts()) {
                s.executeUpdate(sql);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM customers")) {
                rs.next();
                assertEquals(DemoData.CUSTOMERS, rs.getInt(1));
            }
            for (String query : DemoData.EXAMPLE_QUERIES) {
                try (ResultSet rs = s.executeQuery(query.substring(0, query.length() - 1))) {
                    assertTrue(rs.next(), "no rows from " + query);
                }
            }
        }
    }
}
