package io.cairndb.storage.concurrency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.storage.keys.KeySpace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The concurrency manager, driven by the files in {@code src/test/resources/concurrency}: each holds commands, and
 * under each, after a {@code ----} line, what the manager answers. No Raft, no RocksDB: the range is
 * {@code ["a", "z")} and the MVCC store a model (committed versions and intents in maps). Keys are one-letter
 * names; in messages they appear in hex ({@code a} is {@code 61}). Rewrite the expected answers after a deliberate
 * change with {@code -Dconcurrency.rewrite=true} and read the diff.
 *
 * <p>Commands (arguments {@code name=value}; lists comma-separated):
 * <pre>
 * version key= ts=                store a committed version of key at ts
 * read txn= ts= keys=             sequence point reads; answers the transactions whose intents are visible
 * scan txn= ts= start= end=       sequence a scan
 * commit txn= read-ts= writes= [reads=] [spans=x-y] [as=]   admit a one-phase commit; holds its lock under 'as'
 * prepare txn= read-ts= ts= writes= [reads=] [as=]          admit a two-phase prepare (lock kept until resolved)
 * intents txn= read-ts= keys= [as=]                         admit a batch of intents (in flight until applied)
 * applied as=                     the batch or commit named 'as' is applied: intents reach the store, locks go
 * resolve txn= commit|abort [ts=] resolve the transaction's intents (the store's and the lock table's view)
 * refresh txn= reads= from= to=   move reads from one timestamp to another
 * lock txn= keys= [nowait] [priority=]   row-lock keys (FOR UPDATE)
 * release-rows txn=               release a transaction's row locks
 * start as= COMMAND...            run a command on its own thread; 'await as=' prints its answer
 * await as=                       wait (up to 5 s) for a started command and print its answer
 * pending as=                     whether a started command still waits
 * locks                           the lock table's intent spans and prepared locks
 * waits-elsewhere [pairs=w>h,...]  the other nodes' row-lock waits (waiter w waits for holder h); none without pairs
 * sleep ms=                       let time pass (a waiter looks at the other nodes' waits every 75 ms here)
 * </pre>
 */
class ConcurrencyManagerTest {
    private static final Path DIR = Path.of("src/test/resources/concurrency");
    /** Lock waits in these tests time out this soon (the default is seconds). */
    private static final long LOCK_WAIT_MS = 300;

    @TestFactory
    Stream<DynamicTest> files() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(DIR)) {
            files = list.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        return files.stream().map(f -> DynamicTest.dynamicTest(f.getFileName().toString(), () -> run(f)));
    }

    @Test
    void aPreparedLockIsAgedFromWhenItWasLetInNotByItsTimestamp() throws Exception {
        Harness h = new Harness();
        try {
            // a transaction whose snapshot is ancient prepares at it: the orphan sweep must see a fresh commit
            assertEquals("prepared at 2", h.run("prepare txn=1 read-ts=1 ts=2 writes=a"));
            Thread.sleep(50);
            ConcurrencyManager.PreparedLock lock = h.manager.preparedLocks().get(0);
            assertEquals(2, lock.commitTs());
            assertTrue(lock.heldMillis() >= 50 && lock.heldMillis() < 10_000, "held " + lock.heldMillis() + " ms");
        } finally {
            h.close();
        }
    }

    private static void run(Path file) throws Exception {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Harness h = new Harness();
        StringBuilder actual = new StringBuilder();
        List<String> lines = text.lines().toList();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                actual.append(line).append('\n');
                i++;
                continue;
            }
            actual.append(line).append('\n');
            i++;
            if (i >= lines.size() || !lines.get(i).equals("----")) {
                throw new IllegalStateException(file + ": command at line " + i + " has no ---- line after it");
            }
            i++;
            while (i < lines.size() && !lines.get(i).isBlank()) {
                i++; // the expected answer: compared as a whole below
            }
            actual.append("----\n").append(h.run(line)).append('\n');
        }
        h.close();
        if (Boolean.getBoolean("concurrency.rewrite")) {
            Files.writeString(file, actual.toString(), StandardCharsets.UTF_8);
            return;
        }
        assertEquals(text, actual.toString(), file + ": answers differ (left expected, right actual)");
    }

    /** One manager over {@code ["a", "z")}, a model store, and the commands of one file. */
    private static final class Harness {
        private final TreeMap<byte[], TreeSet<Long>> versions = new TreeMap<>(Arrays::compareUnsigned);
        private final TreeMap<byte[], Long> intents = new TreeMap<>(Arrays::compareUnsigned);
        /** Admitted commits and intent batches by name, for 'applied'. */
        private final Map<String, Admitted> admitted = new HashMap<>();
        private final Map<String, CompletableFuture<String>> started = new LinkedHashMap<>();
        /** A thread per started command: several may wait at once (the common pool may have only one thread). */
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "concurrency-test-command");
            t.setDaemon(true);
            return t;
        });
        private final ConcurrencyManager manager;
        /** The other nodes' lock waits, as 'waits-elsewhere' sets them: waiter to holder. */
        private final Map<Long, Long> waitsElsewhere = new java.util.concurrent.ConcurrentHashMap<>();

        private synchronized long newest(List<byte[]> keys) {
            long newest = -1;
            for (byte[] key : keys) {
                TreeSet<Long> v = versions.get(key);
                newest = Math.max(newest, v == null ? -1 : v.last());
            }
            return newest;
        }

        Harness() {
            ConcurrencyManager.Range range = new ConcurrencyManager.Range() {
                @Override
                public long rangeId() {
                    return 7;
                }

                @Override
                public void checkServing() {
                }

                @Override
                public void checkContains(byte[] key) {
                    if (Arrays.compareUnsigned(key, k("a")) < 0 || Arrays.compareUnsigned(key, k("z")) >= 0) {
                        throw new IllegalArgumentException("key " + KeySpace.hex(key) + " is outside the range");
                    }
                }

                @Override
                public void checkSpan(byte[] start, byte[] end) {
                    checkContains(start);
                    if (end.length == 0 || Arrays.compareUnsigned(end, k("z")) > 0) {
                        throw new IllegalArgumentException("the span reaches past the range");
                    }
                }

                @Override
                public void checkHorizon(long readTs) {
                }
            };
            ConcurrencyManager.Versions store = new ConcurrencyManager.Versions() {
                @Override
                public byte[] firstWrittenAfter(List<byte[]> keys, long ts) {
                    return firstWrittenIn(keys, ts, Long.MAX_VALUE);
                }

                @Override
                public byte[] firstWrittenIn(List<byte[]> keys, long fromTs, long toTs) {
                    synchronized (Harness.this) {
                        for (byte[] key : keys) {
                            TreeSet<Long> v = versions.get(key);
                            if (v != null && !v.subSet(fromTs, false, toTs, true).isEmpty()) {
                                return key;
                            }
                        }
                        return null;
                    }
                }

                @Override
                public byte[] firstVersionIn(byte[] start, byte[] end, long fromTs, long toTs) {
                    synchronized (Harness.this) {
                        for (var e : versions.subMap(start, true, end, false).entrySet()) {
                            if (!e.getValue().subSet(fromTs, false, toTs, true).isEmpty()) {
                                return e.getKey();
                            }
                        }
                        return null;
                    }
                }

                @Override
                public boolean hasIntent(long txnId, byte[] start, byte[] endExclusive) {
                    synchronized (Harness.this) {
                        return intents.subMap(start, true, endExclusive, false).containsValue(txnId);
                    }
                }
            };
            WaitForGraph waits = new WaitForGraph();
            waits.setElsewhere(() -> Map.copyOf(waitsElsewhere));
            manager = new ConcurrencyManager(range, store, waits, 0, LOCK_WAIT_MS);
            manager.leaderStarted(1, 0, List.of(), () -> { });
        }

        String run(String line) throws Exception {
            String[] words = line.trim().split("\\s+");
            Map<String, String> args = arguments(words);
            if (words[0].equals("start")) {
                String as = args.get("as");
                String rest = line.trim().substring(line.trim().indexOf(' ', line.trim().indexOf("as=")) + 1);
                started.put(as, CompletableFuture.supplyAsync(() -> answer(rest), threads));
                Thread.sleep(50); // let it reach its wait
                return "started";
            }
            if (words[0].equals("await")) {
                return started.remove(args.get("as")).get(5, TimeUnit.SECONDS);
            }
            if (words[0].equals("pending")) {
                return started.get(args.get("as")).isDone() ? "done" : "waiting";
            }
            if (words[0].equals("sleep")) {
                Thread.sleep(num(args, "ms"));
                return "slept";
            }
            if (words[0].equals("waits-elsewhere")) {
                waitsElsewhere.clear();
                for (String pair : args.getOrDefault("pairs", "").split(",")) {
                    if (!pair.isEmpty()) {
                        String[] wh = pair.split(">");
                        waitsElsewhere.put(Long.parseLong(wh[0]), Long.parseLong(wh[1]));
                    }
                }
                return "ok";
            }
            return answer(line.trim());
        }

        private String answer(String line) {
            String[] words = line.split("\\s+");
            Map<String, String> a = arguments(words);
            try {
                return switch (words[0]) {
                    case "version" -> {
                        synchronized (this) {
                            versions.computeIfAbsent(k(a.get("key")), x -> new TreeSet<>()).add(num(a, "ts"));
                        }
                        yield "ok";
                    }
                    case "read" -> "visible " + new TreeSet<>(manager.sequenceReads(keys(a.get("keys")), num(a, "txn"),
                            num(a, "ts")));
                    case "scan" -> "visible " + new TreeSet<>(manager.sequenceScan(k(a.get("start")), k(a.get("end")),
                            num(a, "txn"), num(a, "ts")));
                    case "commit" -> remember(a, manager.admitOnePhase(num(a, "txn"), num(a, "read-ts"), reads(a),
                            keys(a.get("writes"))), keys(a.get("writes")), false);
                    case "prepare" -> {
                        ConcurrencyManager.Admission p = manager.admitPrepare(num(a, "txn"), num(a, "read-ts"),
                                num(a, "ts"), reads(a), keys(a.getOrDefault("writes", "")));
                        if (p.holds()) {
                            synchronized (this) {
                                for (byte[] key : keys(a.get("writes"))) {
                                    intents.put(key, num(a, "txn")); // a prepare's intents land with it
                                }
                            }
                        }
                        yield "prepared at " + p.ts() + (p.holds() ? "" : " (read only: nothing held)");
                    }
                    case "intents" -> {
                        List<byte[]> keys = keys(a.get("keys"));
                        byte[][] span = span(keys);
                        yield remember(a, manager.admitIntents(num(a, "txn"), num(a, "read-ts"), keys, span[0],
                                span[1]), keys, true);
                    }
                    case "applied" -> applied(a.get("as"));
                    case "resolve" -> resolve(num(a, "txn"), a.containsKey("commit"), a.containsKey("ts")
                            ? num(a, "ts") : 0);
                    case "refresh" -> {
                        manager.refresh(num(a, "txn"), reads(a), num(a, "from"), num(a, "to"));
                        yield "refreshed to " + a.get("to");
                    }
                    case "lock" -> {
                        List<byte[]> keys = keys(a.get("keys"));
                        manager.lockRows(keys, num(a, "txn"), a.containsKey("priority") ? num(a, "priority")
                                : num(a, "txn"), a.containsKey("nowait"));
                        yield "locked (newest version " + newest(keys) + ")"; // as the replica reads it once locked
                    }
                    case "release-rows" -> {
                        manager.releaseRowLocks(num(a, "txn"));
                        yield "released";
                    }
                    case "locks" -> locks();
                    default -> throw new IllegalArgumentException("unknown command " + words[0]);
                };
            } catch (RuntimeException e) {
                return "error " + e.getClass().getSimpleName() + ": " + e.getMessage();
            }
        }

        private String remember(Map<String, String> a, ConcurrencyManager.Admission admission, List<byte[]> keys,
                                boolean batch) {
            synchronized (this) {
                admitted.put(a.getOrDefault("as", "_"), new Admitted(admission, num(a, "txn"), keys, batch));
            }
            return "admitted at " + admission.ts();
        }

        private String applied(String as) {
            Admitted done;
            synchronized (this) {
                done = admitted.remove(as);
                for (byte[] key : done.keys()) {
                    if (done.batch()) {
                        intents.put(key, done.txn());
                    } else {
                        versions.computeIfAbsent(key, x -> new TreeSet<>()).add(done.admission().ts());
                    }
                }
            }
            if (done.batch()) {
                manager.intentsApplied(done.admission());
            } else {
                manager.release(done.admission());
            }
            return "applied";
        }

        private String resolve(long txn, boolean commit, long ts) {
            synchronized (this) {
                intents.entrySet().removeIf(e -> {
                    if (e.getValue() != txn) {
                        return false;
                    }
                    if (commit) {
                        versions.computeIfAbsent(e.getKey(), x -> new TreeSet<>()).add(ts);
                    }
                    return true;
                });
            }
            manager.resolved(txn, commit, ts);
            return commit ? "committed at " + ts : "aborted";
        }

        private String locks() {
            List<String> out = new ArrayList<>();
            for (ConcurrencyManager.IntentSpan s : manager.intentSpans()) {
                out.add("intent span of " + s.txnId() + " [" + s(s.start()) + ", " + s(s.end()) + ") at " + s.newestTs());
            }
            for (ConcurrencyManager.PreparedLock p : manager.preparedLocks()) {
                out.add("prepared lock of " + p.txnId() + " on " + p.keys().stream().map(Harness::s).toList()
                        + " at " + p.commitTs());
            }
            return out.isEmpty() ? "none" : String.join("\n", out);
        }

        /** {@code name=value} words after the command (a bare word maps to ""). */
        private static Map<String, String> arguments(String[] words) {
            Map<String, String> a = new LinkedHashMap<>();
            for (int i = 1; i < words.length; i++) {
                int eq = words[i].indexOf('=');
                a.put(eq < 0 ? words[i] : words[i].substring(0, eq), eq < 0 ? "" : words[i].substring(eq + 1));
            }
            return a;
        }

        private ReadSet reads(Map<String, String> a) {
            ReadSet r = new ReadSet();
            for (byte[] key : keys(a.getOrDefault("reads", ""))) {
                r.addKey(key);
            }
            if (a.containsKey("spans")) {
                for (String span : a.get("spans").split(",")) {
                    String[] ends = span.split("-");
                    r.addSpan(k(ends[0]), k(ends[1]));
                }
            }
            return r;
        }

        private static byte[][] span(List<byte[]> keys) {
            byte[] lo = keys.get(0);
            byte[] hi = keys.get(0);
            for (byte[] key : keys) {
                lo = Arrays.compareUnsigned(key, lo) < 0 ? key : lo;
                hi = Arrays.compareUnsigned(key, hi) > 0 ? key : hi;
            }
            return new byte[][] {lo, KeySpace.successor(hi)};
        }

        private static long num(Map<String, String> a, String name) {
            String v = a.get(name);
            if (v == null) {
                throw new IllegalArgumentException("missing " + name + "=");
            }
            return Long.parseLong(v);
        }

        private static List<byte[]> keys(String list) {
            List<byte[]> out = new ArrayList<>();
            if (list != null && !list.isEmpty()) {
                for (String key : list.split(",")) {
                    out.add(k(key));
                }
            }
            return out;
        }

        private static String s(byte[] key) {
            return new String(key, StandardCharsets.ISO_8859_1).replace("\0", "\\0");
        }

        void close() {
            threads.shutdownNow();
            if (!started.isEmpty()) {
                throw new IllegalStateException("started commands never awaited: " + started.keySet());
            }
        }
    }

    /** A commit or intent batch admitted and not yet applied: what 'applied' writes to the model store. */
    private record Admitted(ConcurrencyManager.Admission admission, long txn, List<byte[]> keys, boolean batch) {
    }

    private static byte[] k(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }
}
