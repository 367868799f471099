package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.CrashPoint;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A transfer between accounts of two ranges, with the process that coordinates it (the session's node) or the
 * leader of one participant range dying at a named point of the two-phase commit (CrashPoint: the JVM halts, as
 * kill -9). Afterwards, through the surviving nodes, the transfer is entirely there or entirely absent — absent
 * when the coordinator died before the commit point, there when it died after it — within a bounded time, and
 * its intents are resolved (both rows can be written again). Three node processes, replication factor 3.
 */
class TwoPhaseCrashIT {
    /** The orphan sweep settles intents older than 10 s, every 5 s; lock waits end after 5 s. */
    private static final long SETTLED_WITHIN_MS = 45_000;

    @Test
    void aTransferIsAllOrNothingWhicheverStepItsCoordinatorOrAParticipantDiesAt() throws Exception {
        try (ProcessCluster cluster = ProcessCluster.start("2pc-crash", 3)) {
            try (Connection c = DriverManager.getConnection(cluster.node(0).url())) {
                update(c, "CREATE TABLE acct (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                update(c, "INSERT INTO acct VALUES (1, 1000), (2, 1000)");
                update(c, "ALTER TABLE acct SPLIT AT VALUES (2)"); // the two accounts in two ranges
                Sql.awaitValue(c, "SELECT COUNT(*) FROM sys.ranges WHERE table_name = 'PUBLIC.ACCT'"
                        + " AND replicas = '1,2,3'", "2", 60_000);
            }
            long expected1 = 1000;
            long expected2 = 1000;
            // the coordinator is node 3 (index 2): started again armed at each point, it dies there. Both ranges
            // prepare at once (a parallel commit): once both prepared — the STAGING record with the first — the
            // transfer is committed, acknowledged or not; when the first answer comes the other may or may not
            // have landed, and recovery settles it as the ranges' intents say: either way, all or nothing
            String[][] coordinatorCases = {
                {CrashPoint.AFTER_FIRST_PREPARE, "either"},
                {CrashPoint.AFTER_PREPARES, "present"},
                {CrashPoint.AFTER_RECORD, "present"},
            };
            for (String[] c : coordinatorCases) {
                NodeProcess coordinator = cluster.restart(2, List.of("-Dcairndb.crashAt=" + c[0]));
                String first = transferDyingAt(coordinator, 10);
                // a transfer a range pushed above its staged timestamp (a read of an account at a later timestamp,
                // or a leader that took over meanwhile and starts above every read it may have served) is not
                // committed by its prepares: it never reaches 2pc-after-prepares and commits by writing its record.
                // Then the next transfer tries again; a COMMIT answered "committed" cannot have died there.
                for (int tries = 1; c[0].equals(CrashPoint.AFTER_PREPARES) && first.equals("committed"); tries++) {
                    assertTrue(tries < 5, "no transfer of " + tries + " reached " + c[0]);
                    System.out.println("TwoPhaseCrashIT: transfer " + tries + " was pushed and committed by its record;"
                            + " trying again to stop at " + c[0]);
                    expected1 -= 10;
                    expected2 += 10;
                    first = transferDyingAt(coordinator, 10);
                }
                assertEquals(137, coordinator.awaitExit(30_000), "node 3 halted at " + c[0]);
                String before = expected1 + "," + expected2;
                String after = (expected1 - 10) + "," + (expected2 + 10);
                Settled settled = awaitSettled(cluster.node(0), c[0], switch (c[1]) {
                    case "either" -> new String[] {after, before};
                    case "present" -> new String[] {after};
                    default -> new String[] {before};
                });
                String outcome = settled.balances().equals(after) ? "present" : "absent";
                long took = settled.tookMs();
                if (outcome.equals("present")) {
                    expected1 -= 10;
                    expected2 += 10;
                }
                System.out.println("TwoPhaseCrashIT: coordinator died at " + c[0] + ": transfer " + outcome
                        + ", settled and writable after " + took + " ms");
            }
            // a participant's leader dies once its intents are replicated, before it answers the coordinator
            // (node 1, alive): the coordinator sends the prepare again to the range's new leader, which has the
            // intents, and commits — or, failing that, aborts and the intents are removed; either way the outcome
            // is the one it reported
            NodeProcess participant = cluster.restart(2,
                    List.of("-Dcairndb.crashAt=" + CrashPoint.PARTICIPANT_AFTER_PREPARE));
            try (Connection c = DriverManager.getConnection(cluster.node(0).url())) {
                long deadline = System.currentTimeMillis() + 60_000;
                while (!single(c, "SELECT COUNT(*) FROM sys.ranges WHERE table_name = 'PUBLIC.ACCT' AND leader = 3")
                        .equals("1")) { // node 3 leads one account's range (leaders spread every 5 s)
                    assertTrue(System.currentTimeMillis() < deadline, "node 3 never led one of the account ranges");
                    Thread.sleep(500);
                }
            }
            String outcome = transferDyingAt(cluster.node(0), 10);
            assertEquals(137, participant.awaitExit(30_000), "the participant's leader halted");
            if (outcome.equals("committed")) {
                expected1 -= 10;
                expected2 += 10;
            }
            long took = awaitSettled(cluster.node(0), CrashPoint.PARTICIPANT_AFTER_PREPARE,
                    expected1 + "," + expected2).tookMs();
            System.out.println("TwoPhaseCrashIT: a participant's leader died after its prepare: the coordinator "
                    + "reported " + outcome + "; settled and writable after " + took + " ms");
        }
    }

    /**
     * Moves {@code amount} from account 1 to 2 in one explicit transaction through {@code via}; returns
     * "committed", or how the commit failed ("lost" when the connection broke, the SQLSTATE otherwise).
     */
    private static String transferDyingAt(NodeProcess via, int amount) throws SQLException {
        try (Connection c = DriverManager.getConnection(via.url())) {
            c.setAutoCommit(false);
            update(c, "UPDATE acct SET balance = balance - " + amount + " WHERE id = 1");
            update(c, "UPDATE acct SET balance = balance + " + amount + " WHERE id = 2");
            try {
                c.commit();
                return "committed";
            } catch (SQLException e) {
                return e.getSQLState() != null && e.getSQLState().startsWith("08") ? "lost" : e.getSQLState();
            }
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                return "lost"; // closing the broken connection
            }
            throw e;
        }
    }

    /** What {@link #awaitSettled} saw: the balances read ("b1,b2") and how long settling took. */
    private record Settled(String balances, long tookMs) {
    }

    /**
     * Waits until a read through {@code via} shows the balances as one of {@code states} ("b1,b2"; readers may
     * wait on, or be refused by, the dead transaction's intents meanwhile, and never see half a transfer), then
     * writes both rows: they are no longer locked.
     */
    private static Settled awaitSettled(NodeProcess via, String point, String... states) throws Exception {
        long start = System.currentTimeMillis();
        String lastSeen = "nothing";
        try (Connection c = DriverManager.getConnection(via.url())) {
            while (!List.of(states).contains(lastSeen)) {
                assertTrue(System.currentTimeMillis() - start < SETTLED_WITHIN_MS, "after a crash at " + point
                        + " the transfer was not settled within " + SETTLED_WITHIN_MS + " ms; last read: " + lastSeen);
                try {
                    lastSeen = String.join(",", Sql.rows(c, "SELECT balance FROM acct ORDER BY id"));
                    assertEquals(2000, balanceSum(lastSeen), "no reader sees half a transfer: " + lastSeen);
                } catch (SQLException e) {
                    assertTrue(String.valueOf(e.getSQLState()).startsWith("40"), "retryable while settling: " + e);
                }
                if (!List.of(states).contains(lastSeen)) {
                    Thread.sleep(500);
                }
            }
            while (true) { // the intents are gone: both rows take a write (a no-op one)
                try {
                    update(c, "UPDATE acct SET balance = balance + 0 WHERE id IN (1, 2)");
                    break;
                } catch (SQLException e) {
                    assertTrue(String.valueOf(e.getSQLState()).startsWith("40"), "retryable while settling: " + e);
                    assertTrue(System.currentTimeMillis() - start < SETTLED_WITHIN_MS, "rows still locked: " + e);
                    Thread.sleep(500);
                }
            }
        }
        return new Settled(lastSeen, System.currentTimeMillis() - start);
    }

    private static long balanceSum(String rows) {
        long sum = 0;
        for (String b : rows.split(",")) {
            sum += Long.parseLong(b);
        }
        return sum;
    }
}
