package io.cairndb.storage.raftlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.alipay.sofa.jraft.conf.ConfigurationManager;
import com.alipay.sofa.jraft.entity.EnumOutter.EntryType;
import com.alipay.sofa.jraft.entity.LogEntry;
import com.alipay.sofa.jraft.entity.LogId;
import com.alipay.sofa.jraft.entity.PeerId;
import com.alipay.sofa.jraft.entity.codec.v2.LogEntryV2CodecFactory;
import com.alipay.sofa.jraft.option.LogStorageOptions;
import com.alipay.sofa.jraft.option.RaftOptions;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jraft LogStorage semantics of one group's log in the shared store, on a real RocksDB. */
class SharedLogStorageTest {
    @TempDir
    Path dir;

    private SharedLogStore store;
    private final List<SharedLogStorage> open = new ArrayList<>();

    @BeforeEach
    void openStore() {
        store = SharedLogStore.open(dir.resolve("raft-log"));
    }

    @AfterEach
    void closeStore() {
        open.forEach(SharedLogStorage::shutdown);
        store.close();
    }

    private SharedLogStorage storage(String groupId) {
        return storage(groupId, new ConfigurationManager());
    }

    private SharedLogStorage storage(String groupId, ConfigurationManager confs) {
        RaftOptions raftOptions = new RaftOptions();
        raftOptions.setSync(true);
        SharedLogStorage s = new SharedLogStorage(store, raftOptions);
        LogStorageOptions opts = new LogStorageOptions();
        opts.setGroupId(groupId);
        opts.setConfigurationManager(confs);
        opts.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        assertTrue(s.init(opts));
        open.add(s);
        return s;
    }

    /** Shuts a group's storage down and opens it again, as a node restart does. */
    private SharedLogStorage restart(SharedLogStorage s, String groupId, ConfigurationManager confs) {
        s.shutdown();
        open.remove(s);
        return storage(groupId, confs);
    }

    private static LogEntry data(long index, long term, String payload) {
        LogEntry e = new LogEntry(EntryType.ENTRY_TYPE_DATA);
        e.setId(new LogId(index, term));
        e.setData(ByteBuffer.wrap(payload.getBytes(StandardCharsets.UTF_8)));
        return e;
    }

    private static LogEntry conf(long index, long term, String... peers) {
        LogEntry e = new LogEntry(EntryType.ENTRY_TYPE_CONFIGURATION);
        e.setId(new LogId(index, term));
        List<PeerId> list = new ArrayList<>();
        for (String p : peers) {
            list.add(PeerId.parsePeer(p));
        }
        e.setPeers(list);
        return e;
    }

    private static List<LogEntry> range(long from, long to, long term, String tag) {
        List<LogEntry> out = new ArrayList<>();
        for (long i = from; i <= to; i++) {
            out.add(data(i, term, tag + i));
        }
        return out;
    }

    private static String payload(LogEntry e) {
        ByteBuffer b = e.getData().duplicate();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void emptyLogHasFirstIndexOneAndLastIndexZero() {
        SharedLogStorage log = storage("range-1");
        assertEquals(1, log.getFirstLogIndex());
        assertEquals(0, log.getLastLogIndex());
        assertNull(log.getEntry(1));
        assertEquals(0, log.getTerm(1));
    }

    @Test
    void appendedEntriesReadBackWithTheirTerms() {
        SharedLogStorage log = storage("range-1");
        assertEquals(10, log.appendEntries(range(1, 10, 1, "a")));
        assertTrue(log.appendEntry(data(11, 2, "b11")));
        assertEquals(0, log.appendEntries(List.of()));
        assertEquals(1, log.getFirstLogIndex());
        assertEquals(11, log.getLastLogIndex());
        assertEquals("a5", payload(log.getEntry(5)));
        assertEquals(new LogId(5, 1), log.getEntry(5).getId());
        assertEquals(2, log.getTerm(11));
        assertEquals(0, log.getTerm(12));
        assertNull(log.getEntry(12));
    }

    @Test
    void truncatePrefixDropsEntriesAndSurvivesRestart() throws Exception {
        SharedLogStorage log = storage("range-1");
        log.appendEntries(range(1, 10, 1, "a"));
        assertTrue(log.truncatePrefix(4));
        assertEquals(4, log.getFirstLogIndex());
        assertEquals(10, log.getLastLogIndex());
        assertNull(log.getEntry(3));
        assertEquals("a4", payload(log.getEntry(4)));
        // physically gone, not just hidden behind the marker
        byte[] group = LogKeys.group("range-1");
        assertNull(store.get(SharedLogStore.Family.ENTRIES, LogKeys.entry(group, 3)));

        log = restart(log, "range-1", new ConfigurationManager());
        assertEquals(4, log.getFirstLogIndex());
        assertEquals(10, log.getLastLogIndex());
        assertNull(log.getEntry(1));

        // a prefix past the last entry leaves an empty log that continues at the kept index
        assertTrue(log.truncatePrefix(15));
        assertEquals(15, log.getFirstLogIndex());
        assertEquals(0, log.getLastLogIndex());
        log = restart(log, "range-1", new ConfigurationManager());
        assertEquals(15, log.getFirstLogIndex());
    }

    @Test
    void firstIndexWithoutMarkerIsTheFirstStoredEntryAndIsThenPinned() {
        SharedLogStorage log = storage("range-1");
        log.appendEntries(range(5, 9, 1, "a"));
        log = restart(log, "range-1", new ConfigurationManager());
        assertEquals(5, log.getFirstLogIndex());
        assertEquals(9, log.getLastLogIndex());
    }

    @Test
    void truncateSuffixDropsTheTailAndLetsItBeRewritten() {
        SharedLogStorage log = storage("range-1");
        log.appendEntries(range(1, 10, 1, "a"));
        assertTrue(log.truncateSuffix(6));
        assertEquals(6, log.getLastLogIndex());
        assertNull(log.getEntry(7));
        assertTrue(log.appendEntry(data(7, 3, "new7")));
        assertEquals(3, log.getTerm(7));
        assertEquals("new7", payload(log.getEntry(7)));
        log = restart(log, "range-1", new ConfigurationManager());
        assertEquals(7, log.getLastLogIndex());
        assertEquals(1, log.getFirstLogIndex());
    }

    @Test
    void configurationEntriesAreReplayedAtInitUntilTruncated() {
        SharedLogStorage log = storage("range-1");
        log.appendEntries(List.of(data(1, 1, "a1"), conf(2, 1, "127.0.0.1:1"), data(3, 1, "a3"),
                conf(4, 2, "127.0.0.1:1", "127.0.0.1:2")));
        assertEquals(EntryType.ENTRY_TYPE_CONFIGURATION, log.getEntry(4).getType());

        ConfigurationManager confs = new ConfigurationManager();
        log = restart(log, "range-1", confs);
        assertEquals(4, confs.getLastConfiguration().getId().getIndex());
        assertEquals(2, confs.getLastConfiguration().getConf().getPeers().size());
        assertEquals(2, confs.get(3).getId().getIndex());

        assertTrue(log.truncateSuffix(3)); // the conf entry at 4 goes from both families
        confs = new ConfigurationManager();
        log = restart(log, "range-1", confs);
        assertEquals(2, confs.getLastConfiguration().getId().getIndex());

        assertTrue(log.truncatePrefix(3)); // and the one at 2 with the prefix
        confs = new ConfigurationManager();
        log = restart(log, "range-1", confs);
        assertTrue(confs.getLastConfiguration().isEmpty());
        assertEquals(3, log.getFirstLogIndex());
    }

    @Test
    void resetKeepsOnlyTheEntryAtTheNextIndex() {
        SharedLogStorage log = storage("range-1");
        log.appendEntries(List.of(conf(1, 1, "127.0.0.1:1")));
        log.appendEntries(range(2, 10, 2, "a"));
        log.truncatePrefix(2);
        assertTrue(log.reset(8));
        assertEquals(8, log.getFirstLogIndex());
        assertEquals(8, log.getLastLogIndex());
        assertEquals("a8", payload(log.getEntry(8)));
        assertNull(log.getEntry(7));
        assertNull(log.getEntry(9));

        ConfigurationManager confs = new ConfigurationManager();
        log = restart(log, "range-1", confs);
        assertTrue(confs.getLastConfiguration().isEmpty(), "reset drops the configuration history");
        assertEquals(8, log.getFirstLogIndex());
        assertEquals(8, log.getLastLogIndex());

        // no entry at the new index: a no-op entry with term 0 marks where the log continues
        assertTrue(log.reset(20));
        assertEquals(20, log.getFirstLogIndex());
        assertEquals(20, log.getLastLogIndex());
        assertEquals(EntryType.ENTRY_TYPE_NO_OP, log.getEntry(20).getType());
        assertEquals(0, log.getTerm(20));
        assertTrue(log.appendEntry(data(21, 3, "b21")));
        assertEquals(21, log.getLastLogIndex());
        assertThrows(IllegalArgumentException.class, () -> storage("range-9").reset(0));
    }

    @Test
    void interleavedGroupsNeverSeeEachOthersEntries() {
        // "range-1" is a byte prefix of "range-10": the separator keeps their spans apart
        SharedLogStorage one = storage("range-1");
        SharedLogStorage ten = storage("range-10");
        SharedLogStorage two = storage("range-2");
        for (long i = 1; i <= 30; i++) {
            assertTrue(one.appendEntry(data(i, 1, "one" + i)));
            assertTrue(ten.appendEntry(data(i + 100, 5, "ten" + i)));
            if (i <= 10) {
                assertTrue(two.appendEntry(data(i, 7, "two" + i)));
            }
        }
        assertEquals(1, one.getFirstLogIndex());
        assertEquals(30, one.getLastLogIndex());
        assertEquals(101, ten.getFirstLogIndex());
        assertEquals(130, ten.getLastLogIndex());
        assertEquals(10, two.getLastLogIndex());
        assertEquals("one5", payload(one.getEntry(5)));
        assertEquals("two5", payload(two.getEntry(5)));
        assertNull(one.getEntry(105));
        assertNull(two.getEntry(11));

        one.truncatePrefix(20);
        ten.truncateSuffix(110);
        two.reset(5);
        assertEquals(20, one.getFirstLogIndex());
        assertEquals(30, one.getLastLogIndex());
        assertEquals(101, ten.getFirstLogIndex());
        assertEquals(110, ten.getLastLogIndex());
        assertEquals(5, two.getFirstLogIndex());
        assertEquals(5, two.getLastLogIndex());
        assertEquals("ten1", payload(ten.getEntry(101)));
        assertEquals("one25", payload(one.getEntry(25)));

        // dropping one group's log leaves the others whole
        assertThrows(IllegalStateException.class, () -> store.deleteGroup("range-10"), "still open");
        ten.shutdown();
        open.remove(ten);
        store.deleteGroup("range-10");
        SharedLogStorage tenAgain = storage("range-10");
        assertEquals(1, tenAgain.getFirstLogIndex());
        assertEquals(0, tenAgain.getLastLogIndex());
        assertEquals(30, one.getLastLogIndex());
        assertEquals("one30", payload(one.getEntry(30)));
        assertEquals("two5", payload(two.getEntry(5)));
    }

    @Test
    void aGroupIsOpenOnceAndTheStoreClosesOnlyAfterItsGroups() {
        SharedLogStorage log = storage("range-1");
        RaftOptions raftOptions = new RaftOptions();
        SharedLogStorage second = new SharedLogStorage(store, raftOptions);
        LogStorageOptions opts = new LogStorageOptions();
        opts.setGroupId("range-1");
        opts.setConfigurationManager(new ConfigurationManager());
        opts.setLogEntryCodecFactory(LogEntryV2CodecFactory.getInstance());
        assertFalse(second.init(opts));
        assertThrows(IllegalStateException.class, store::close);
        log.appendEntry(data(1, 1, "a1"));
        log.shutdown();
        open.remove(log);
        assertFalse(log.appendEntry(data(2, 1, "a2")), "a shut down log refuses appends");
        store.close();
        store = SharedLogStore.open(dir.resolve("raft-log")); // durable across a reopen of the store
        SharedLogStorage reopened = storage("range-1");
        assertNotNull(reopened.getEntry(1));
        assertArrayEquals(LogKeys.entry(LogKeys.group("range-1"), 1),
                store.boundaryKey(SharedLogStore.Family.ENTRIES, LogKeys.entriesStart(LogKeys.group("range-1")),
                        LogKeys.entriesEnd(LogKeys.group("range-1")), false));
    }

    @Test
    void groupIdsThatCouldOverlapAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LogKeys.group("a\u0001b"));
        assertThrows(IllegalArgumentException.class, () -> LogKeys.group(""));
    }
}
