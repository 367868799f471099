package io.cairndb.server.it;

import static io.cairndb.server.it.Sql.single;
import static io.cairndb.server.it.Sql.update;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The bank: 100 accounts in four ranges (four Raft groups, led by different nodes) of a three-process cluster with
 * replication factor 3; 8 clients transfer money between accounts of different ranges in explicit transactions
 * (retrying 40001), while a checker's every {@code SELECT SUM(balance)} must equal the total. Mid-run one node is
 * killed with SIGKILL and later restarted; transfers go on through the others and the total stays exact
 * throughout and at the end, on every node.
 */
class BankIT {
    private static final int ACCOUNTS = 100;
    private static final int RANGES = 4;
    private static final long OPENING = 1_000;
    private static final long TOTAL = ACCOUNTS * OPENING;
    private static final int CLIENTS = 8;

    /** Which part of the run it is (for failure messages). */
    private static volatile String phase = "starting";

    @Test
    void transfersKeepTheTotalExactWhileANodeIsKilledAndRestarted() throws Exception {
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (ProcessCluster cluster = ProcessCluster.start("bank", 3)) {
            String url = cluster.multiHostUrl();
            try (Connection c = DriverManager.getConnection(cluster.node(0).url())) {
                update(c, "CREATE TABLE accounts (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                StringBuilder insert = new StringBuilder("INSERT INTO accounts VALUES ");
                for (int id = 0; id < ACCOUNTS; id++) {
                    insert.append(id == 0 ? "" : ", ").append('(').append(id).append(", ").append(OPENING).append(')');
                }
                update(c, insert.toString());
                for (int r = 1; r < RANGES; r++) {
                    update(c, "ALTER TABLE accounts SPLIT AT VALUES (" + r * (ACCOUNTS / RANGES) + ")");
                }
                Sql.awaitValue(c, "SELECT COUNT(*) FROM sys.ranges WHERE table_name = 'PUBLIC.ACCOUNTS'"
                        + " AND replicas = '1,2,3'", String.valueOf(RANGES), 60_000);
                long deadline = System.currentTimeMillis() + 60_000;
                while (leadersOfAccounts(c).size() < 2) { // leadership spreads over the nodes (every 5 s)
                    assertTrue(System.currentTimeMillis() < deadline, "the account ranges never had two leaders");
                    Thread.sleep(500);
                }
            }

            AtomicLong committed = new AtomicLong();
            AtomicLong unknown = new AtomicLong();
            AtomicLong checks = new AtomicLong();
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            for (int t = 0; t < CLIENTS; t++) {
                threads.add(new Thread(() -> transfer(url, stop, committed, unknown, failures), "bank-client-" + t));
            }
            threads.add(new Thread(() -> check(url, stop, checks, failures), "bank-checker"));
            threads.forEach(Thread::start);

            phase = "before the kill";
            Thread.sleep(8_000);
            long beforeKill = committed.get();
            phase = "node 2 down";
            cluster.node(1).kill(); // node 2: one of the leaders of the account ranges, most likely
            Thread.sleep(12_000);
            long whileDown = committed.get() - beforeKill;
            cluster.restart(1, List.of());
            long afterRestart = committed.get();
            phase = "after the restart";
            Thread.sleep(8_000);
            long sinceRestart = committed.get() - afterRestart;
            stop.set(true);
            for (Thread t : threads) {
                t.join(60_000);
            }

            System.out.printf("BankIT: %d transfers committed (%d before the kill, %d while node 2 was down, %d after"
                    + " its restart), %d with an unknown outcome, %d sums checked%n", committed.get(), beforeKill,
                    whileDown, sinceRestart, unknown.get(), checks.get());
            List<String> totals = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                try (Connection c = DriverManager.getConnection(cluster.node(i).url())) {
                    totals.add(single(c, "SELECT SUM(balance), COUNT(*) FROM accounts"));
                }
            }
            assertEquals(List.of(TOTAL + "|" + ACCOUNTS, TOTAL + "|" + ACCOUNTS, TOTAL + "|" + ACCOUNTS), totals,
                    "the total and the accounts on every node at the end (failures during the run: " + failures + ")");
            assertTrue(failures.isEmpty(), "failures: " + failures);
            assertTrue(beforeKill > 0 && whileDown > 0 && sinceRestart > 0, "transfers in every phase");
            assertTrue(checks.get() > 10, "the checker ran: " + checks.get());
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    /** One client: transfers between accounts of two different ranges until told to stop. */
    private static void transfer(String url, AtomicBoolean stop, AtomicLong committed, AtomicLong unknown,
                                 ConcurrentLinkedQueue<String> failures) {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            PreparedStatement move = c.prepareStatement("UPDATE accounts SET balance = balance + ? WHERE id = ?");
            ThreadLocalRandom random = ThreadLocalRandom.current();
            int perRange = ACCOUNTS / RANGES;
            while (!stop.get()) {
                int fromRange = random.nextInt(RANGES);
                int toRange = (fromRange + 1 + random.nextInt(RANGES - 1)) % RANGES;
                int from = fromRange * perRange + random.nextInt(perRange);
                int to = toRange * perRange + random.nextInt(perRange);
                int amount = 1 + random.nextInt(50);
                try {
                    move.setInt(1, -amount);
                    move.setInt(2, from);
                    move.executeUpdate();
                    move.setInt(1, amount);
                    move.setInt(2, to);
                    move.executeUpdate();
                    c.commit();
                    committed.incrementAndGet();
                } catch (SQLException e) {
                    rollbackQuietly(c);
                    String state = String.valueOf(e.getSQLState());
                    if ("40003".equals(state) || "08006".equals(state)) {
                        unknown.incrementAndGet(); // committed or not, the transfer is whole either way
                    } else if (!state.equals("40001") && !state.startsWith("08")) {
                        failures.add("transfer: " + e.getMessage() + " (" + state + ")");
                        return;
                    }
                    pause();
                }
            }
        } catch (SQLException e) {
            failures.add("client connection: " + e.getMessage() + " (" + e.getSQLState() + ")");
        }
    }

    /** The checker: every sum it manages to read equals the total. */
    private static void check(String url, AtomicBoolean stop, AtomicLong checks,
                              ConcurrentLinkedQueue<String> failures) {
        try (Connection c = DriverManager.getConnection(url)) {
            while (!stop.get()) {
                try {
                    String sum = single(c, "SELECT SUM(balance) FROM accounts");
                    if (!sum.equals(String.valueOf(TOTAL))) {
                        failures.add("a reader saw a total of " + sum + " (" + phase + ", "
                                + java.time.LocalTime.now() + ")");
                    }
                    checks.incrementAndGet();
                } catch (SQLException e) {
                    String state = String.valueOf(e.getSQLState());
                    if (!state.startsWith("40") && !state.startsWith("08")) {
                        failures.add("checker: " + e.getMessage() + " (" + state + ")");
                        return;
                    }
                }
                pause();
            }
        } catch (SQLException e) {
            failures.add("checker connection: " + e.getMessage() + " (" + e.getSQLState() + ")");
        }
    }

    private static Set<String> leadersOfAccounts(Connection c) throws SQLException {
        return new HashSet<>(Sql.rows(c, "SELECT leader FROM sys.ranges WHERE table_name = 'PUBLIC.ACCOUNTS'"));
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection re-establishes itself on the next statement
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
