package io.cairndb.storage;

import static io.cairndb.storage.TestNodes.key;
import static io.cairndb.storage.TestNodes.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.range.RangeReplica;
import io.cairndb.storage.txn.Transaction;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 of a node process: every acknowledged commit is there after restart, and 2PC stays atomic. */
class CrashDurabilityTest {
    private static final int ACKS_BEFORE_KILL = 150;

    @TempDir
    Path dir;

    @Test
    void acknowledgedCommitsSurviveKillDashNine() throws Exception {
        int port = TestNodes.freePort();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), dir.toString(), Integer.toString(port))
                .redirectErrorStream(true).start();
        int lastAck = -1;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while (lastAck < ACKS_BEFORE_KILL && (line = out.readLine()) != null) {
                if (line.startsWith("ACK ")) {
                    lastAck = Integer.parseInt(line.substring(4).trim());
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
            child.waitFor();
        }
        assertTrue(lastAck >= ACKS_BEFORE_KILL, "the writer process acknowledged " + lastAck + " commits");

        try (StorageNode node = StorageNode.open(TestNodes.config(dir, port))) {
            Transaction t = node.transactions().beginReadOnly();
            for (int i = 0; i <= lastAck; i++) {
                assertEquals("v" + i, string(t.get(key(1, "k" + i))), "acknowledged commit " + i);
                if (i % 3 == 0) {
                    assertEquals("v" + i, string(t.get(key(2, "k" + i))), "acknowledged 2PC commit " + i);
                }
            }
            // the commit in flight at the kill is all or nothing
            int next = lastAck + 1;
            if (next % 3 == 0) {
                assertEquals(t.get(key(1, "k" + next)) == null, t.get(key(2, "k" + next)) == null);
            }
            List<RangeReplica> ranges = node.router().all();
            for (RangeReplica r : ranges) {
                assertTrue(r.intents().isEmpty(), "recovery resolved every intent");
            }
        }
    }
}
