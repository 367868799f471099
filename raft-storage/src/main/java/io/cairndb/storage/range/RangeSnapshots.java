package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotReader;
import com.alipay.sofa.jraft.storage.snapshot.SnapshotWriter;
import io.cairndb.storage.mvcc.MvccStore;
import io.cairndb.storage.mvcc.StoredValues;
import io.cairndb.storage.mvcc.VersionKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.EnvOptions;
import org.rocksdb.IngestExternalFileOptions;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.SstFileWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jraft snapshots of a range: its key span (versions, intents) and its range-local metadata, written as SST
 * files from a RocksDB snapshot. Loading a snapshot that is not newer than what the store already applied (a
 * local restart) changes nothing; otherwise the span is deleted and the files are ingested.
 */
public final class RangeSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(RangeSnapshots.class);
    private static final String APPLIED_FILE = "applied-index";
    private static final String DESCRIPTOR_FILE = "descriptor";
    private static final String[] FAMILIES = {"data.sst", "intents.sst", "local.sst"};

    private final MvccStore store;

    public RangeSnapshots(MvccStore store) {
        this.store = store;
    }

    /** Saves the replica's state: {@code d} is the range as the replica applies it (its span is what is saved). */
    void save(RangeDescriptor d, long appliedIndex, SnapshotWriter writer, Closure done) {
        // the state as of appliedIndex, fixed here on the state machine's thread; the files are written in the
        // background (jraft takes the snapshot as done when the closure runs), so the range goes on applying
        // entries meanwhile instead of stalling its readers and writers for as long as a big range takes to copy
        Snapshot snapshot = store.db().getSnapshot();
        SAVERS.execute(() -> write(d, appliedIndex, snapshot, writer, done));
    }

    /** Snapshot files are written by these, a few ranges at a time. */
    private static final java.util.concurrent.ExecutorService SAVERS = java.util.concurrent.Executors.newFixedThreadPool(2,
            r -> {
                Thread t = new Thread(r, "cairndb-snapshot-save");
                t.setDaemon(true);
                return t;
            });

    private void write(RangeDescriptor d, long appliedIndex, Snapshot snapshot, SnapshotWriter writer, Closure done) {
        long rangeId = d.rangeId();
        Status status;
        try {
            // everything up to appliedIndex becomes durable: a local restart may then skip the log up to here
            store.syncWal();
            Path dir = Path.of(writer.getPath());
            Files.write(dir.resolve(APPLIED_FILE), StoredValues.longBytes(appliedIndex));
            writer.addFile(APPLIED_FILE);
            Files.write(dir.resolve(DESCRIPTOR_FILE), d.toBytes());
            writer.addFile(DESCRIPTOR_FILE);
            byte[][][] bounds = bounds(rangeId, d);
            ColumnFamilyHandle[] families = {store.dataFamily(), store.intentFamily(), store.localFamily()};
            for (int f = 0; f < FAMILIES.length; f++) {
                for (int b = 0; b < bounds[f].length; b += 2) {
                    String name = b / 2 + "-" + FAMILIES[f];
                    if (writeSst(snapshot, families[f], bounds[f][b], bounds[f][b + 1], dir.resolve(name))) {
                        writer.addFile(name);
                    }
                }
            }
            status = Status.OK();
        } catch (Exception e) {
            LOG.error("range {}: snapshot save failed", rangeId, e);
            status = new Status(RaftError.EIO, "range %d snapshot save failed: %s", rangeId, e.getMessage());
        } finally {
            store.db().releaseSnapshot(snapshot);
        }
        done.run(status); // after the release: jraft's shutdown waits for this, and the store closes after that
    }

    /**
     * Loads a snapshot into the store unless the store already holds that state; returns the range as the
     * snapshot saw it ({@code current} for snapshots without a descriptor), or null when loading failed.
     */
    RangeDescriptor load(RangeDescriptor current, SnapshotReader reader) {
        long rangeId = current.rangeId();
        try {
            Path dir = Path.of(reader.getPath());
            long snapshotApplied = StoredValues.bytesLong(Files.readAllBytes(dir.resolve(APPLIED_FILE)));
            Path descriptorFile = dir.resolve(DESCRIPTOR_FILE);
            RangeDescriptor saved = Files.exists(descriptorFile)
                    ? RangeDescriptor.fromBytes(Files.readAllBytes(descriptorFile)) : current;
            if (store.appliedIndex(rangeId) >= snapshotApplied) {
                return current; // the store already holds this state (local restart)
            }
            byte[][][] bounds = bounds(rangeId, saved);
            ColumnFamilyHandle[] families = {store.dataFamily(), store.intentFamily(), store.localFamily()};
            try (IngestExternalFileOptions opts = new IngestExternalFileOptions().setMoveFiles(false)) {
                for (int f = 0; f < FAMILIES.length; f++) {
                    for (int b = 0; b < bounds[f].length; b += 2) {
                        byte[] hi = bounds[f][b + 1] == null ? new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
                            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF} : bounds[f][b + 1];
                        store.db().deleteRange(families[f], bounds[f][b], hi);
                        Path file = dir.resolve(b / 2 + "-" + FAMILIES[f]);
                        if (Files.exists(file)) {
                            store.db().ingestExternalFile(families[f], List.of(file.toString()), opts);
                        }
                    }
                }
            }
            LOG.info("range {}: installed snapshot at index {}", rangeId, snapshotApplied);
            return saved;
        } catch (IOException | RocksDBException | RuntimeException e) {
            LOG.error("range {}: snapshot load failed", rangeId, e);
            return null;
        }
    }

    /** Per column family: pairs of [lower, upper) bounds (null upper = unbounded). */
    private static byte[][][] bounds(long rangeId, RangeDescriptor d) {
        byte[] dataLo = VersionKeys.prefix(d.startKey());
        byte[] dataHi = d.endKey().length == 0 ? null : VersionKeys.prefix(d.endKey());
        byte[] intentHi = d.endKey().length == 0 ? null : d.endKey();
        byte[] applied = MvccStore.appliedIndexKey(rangeId);
        byte[] watermark = MvccStore.watermarkKey(rangeId);
        byte[] recordsLo = MvccStore.recordKey(rangeId, Long.MIN_VALUE);
        byte[] recordsHi = ByteBuffer.allocate(9).put((byte) 'T').putLong(rangeId + 1).array();
        byte[][] local = rangeId == RangeDescriptor.META_RANGE_ID
                ? new byte[][] {applied, after(applied), recordsLo, recordsHi, watermark, after(watermark),
                    new byte[] {'M'}, new byte[] {'N'}}
                : new byte[][] {applied, after(applied), recordsLo, recordsHi, watermark, after(watermark)};
        return new byte[][][] {{dataLo, dataHi}, {d.startKey(), intentHi}, local};
    }

    private static byte[] after(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    private boolean writeSst(Snapshot snapshot, ColumnFamilyHandle family, byte[] lo, byte[] hi, Path file)
            throws RocksDBException {
        boolean any = false;
        try (ReadOptions ro = new ReadOptions().setSnapshot(snapshot);
             RocksIterator it = store.db().newIterator(family, ro);
             EnvOptions env = new EnvOptions(); Options options = new Options();
             SstFileWriter sst = new SstFileWriter(env, options)) {
            for (it.seek(lo); it.isValid(); it.next()) {
                if (hi != null && Arrays.compareUnsigned(it.key(), hi) >= 0) {
                    break;
                }
                if (!any) {
                    sst.open(file.toString());
                    any = true;
                }
                sst.put(it.key(), it.value());
            }
            if (any) {
                sst.finish();
            }
        }
        return any;
    }
}
