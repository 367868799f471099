package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.rows;
import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Every statement acknowledged as committed survives kill -9 of the node process and a restart. */
class DurabilityIT {

    @Test
    void acknowledgedCommitsSurviveKillNine() throws Exception {
        Path dir = Files.createTempDirectory("cairndb-durability");
        Path log = dir.resolve("node.log");
        Path data = dir.resolve("data");
        int raftPort = TestNode.freePort();
        try {
            AtomicInteger acknowledged = new AtomicInteger();
            try (NodeProcess first = NodeProcess.start(data, raftPort, log)) {
                Connection c = DriverManager.getConnection(first.url());
                try {
                    update(c, "CREATE TABLE ledger (id INT PRIMARY KEY, amount BIGINT, note VARCHAR(20))");
                    update(c, "CREATE INDEX ledger_amount ON ledger (amount)");
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO ledger VALUES (?, ?, ?)")) {
                        for (int i = 0; i < 300; i++) {
                            ps.setInt(1, i);
                            ps.setLong(2, i * 10L);
                            ps.setString(3, "n" + i);
                            ps.executeUpdate();
                            acknowledged.incrementAndGet();
                        }
                    }
                    c.setAutoCommit(false);
                    update(c, "UPDATE ledger SET amount = amount + 1 WHERE id < 100");
                    c.commit();
                    update(c, "INSERT INTO ledger VALUES (1000, 0, 'uncommitted')");
                    // the node dies with this transaction open: it must not survive
                    first.kill();
                } finally {
                    closeQuietly(c);
                }
            }
            try (NodeProcess second = NodeProcess.start(data, raftPort, log);
                 Connection c = DriverManager.getConnection(second.url())) {
                assertEquals(String.valueOf(acknowledged.get()), single(c, "SELECT COUNT(*) FROM ledger"));
                assertEquals("0", single(c, "SELECT COUNT(*) FROM ledger WHERE id = 1000"));
                assertEquals("11|n1", single(c, "SELECT amount, note FROM ledger WHERE id = 1"));
                assertEquals("2000|n200", single(c, "SELECT amount, note FROM ledger WHERE id = 200"));
                assertEquals(List.of("150"), rows(c, "SELECT id FROM ledger WHERE amount = 1500"));
                List<String> sum = new ArrayList<>(rows(c, "SELECT SUM(amount) FROM ledger"));
                // sum of i*10 for i < 300, plus one for each of the first hundred
                assertEquals(List.of(String.valueOf(10L * 299 * 300 / 2 + 100)), sum);
                update(c, "INSERT INTO ledger VALUES (1001, 1, 'after restart')");
                assertEquals("301", single(c, "SELECT COUNT(*) FROM ledger"));
            }
        } finally {
            TestNode.deleteRecursively(dir);
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the node it talked to was killed
        }
    }
}
