package io.cairndb.storage.range;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/** Binary form of {@link RangeCommand}s in the Raft log: a type byte, then the fields. */
public final class RangeCommandCodec {
    private static final byte NOOP = 0;
    private static final byte COMMIT = 1;
    private static final byte PREPARE = 2;
    private static final byte RESOLVE = 3;
    private static final byte SET_RECORD = 4;
    private static final byte DELETE_RECORD = 5;
    private static final byte SET_META = 6;
    private static final byte CLEAR_SPAN = 7;
    private static final byte GC_VERSIONS = 8;
    private static final byte READ_WATERMARK = 9;
    private static final byte SPLIT = 10;
    private static final byte SET_QUIET = 11;
    private static final byte SET_VOTERS = 12;
    private static final byte RESOLVE_SPAN = 13;
    private static final byte ABORT_STALE = 14;
    private static final byte CHECK_PREPARED = 15;
    private static final byte DECIDE_STAGED = 16;

    private RangeCommandCodec() {
    }

    public static ByteBuffer encode(RangeCommand command) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (command instanceof RangeCommand.Noop) {
                out.writeByte(NOOP);
            } else if (command instanceof RangeCommand.CommitWrites c) {
                out.writeByte(COMMIT);
                out.writeLong(c.txnId());
                out.writeLong(c.commitTs());
                writeWrites(out, c.writes());
            } else if (command instanceof RangeCommand.Prepare p) {
                out.writeByte(PREPARE);
                out.writeLong(p.txnId());
                out.writeLong(p.commitTs());
                out.writeLong(p.recordRangeId());
                writeWrites(out, p.writes());
                if (p.staging() != null) { // absent in entries written before parallel commits: read as none
                    writeBytes(out, p.staging().toBytes());
                }
            } else if (command instanceof RangeCommand.CheckPrepared c) {
                out.writeByte(CHECK_PREPARED);
                out.writeLong(c.txnId());
                writeBytes(out, c.start());
                writeBytes(out, c.end());
                out.writeLong(c.maxTs());
                out.writeLong(c.abortTs());
            } else if (command instanceof RangeCommand.Resolve r) {
                out.writeByte(RESOLVE);
                out.writeLong(r.txnId());
                out.writeBoolean(r.commit());
                out.writeLong(r.commitTs());
                out.writeInt(r.keys().size());
                for (byte[] k : r.keys()) {
                    writeBytes(out, k);
                }
            } else if (command instanceof RangeCommand.ResolveSpan r) {
                out.writeByte(RESOLVE_SPAN);
                out.writeLong(r.txnId());
                out.writeBoolean(r.commit());
                out.writeLong(r.commitTs());
                writeBytes(out, r.start());
                writeBytes(out, r.end());
                out.writeInt(r.limit());
            } else if (command instanceof RangeCommand.AbortStale a) {
                out.writeByte(ABORT_STALE);
                out.writeLong(a.txnId());
                out.writeLong(a.staleBefore());
                out.writeLong(a.abortTs());
            } else if (command instanceof RangeCommand.DecideStaged d) {
                out.writeByte(DECIDE_STAGED);
                writeBytes(out, d.record().toBytes());
            } else if (command instanceof RangeCommand.SetRecord s) {
                out.writeByte(SET_RECORD);
                writeBytes(out, s.record().toBytes());
            } else if (command instanceof RangeCommand.DeleteRecord d) {
                out.writeByte(DELETE_RECORD);
                out.writeLong(d.txnId());
            } else if (command instanceof RangeCommand.SetMeta m) {
                out.writeByte(SET_META);
                out.writeUTF(m.name());
                out.writeLong(m.value());
            } else if (command instanceof RangeCommand.ClearSpan c) {
                out.writeByte(CLEAR_SPAN);
                writeBytes(out, c.start());
                writeBytes(out, c.end());
            } else if (command instanceof RangeCommand.Split sp) {
                out.writeByte(SPLIT);
                out.writeLong(sp.childId());
                writeBytes(out, sp.splitKey());
                out.writeLong(sp.generation());
                out.writeInt(sp.voters().size());
                for (String v : sp.voters()) {
                    out.writeUTF(v);
                }
            } else if (command instanceof RangeCommand.ExtendReadWatermark w) {
                out.writeByte(READ_WATERMARK);
                out.writeLong(w.ts());
            } else if (command instanceof RangeCommand.SetQuiet q) {
                out.writeByte(SET_QUIET);
                out.writeBoolean(q.quiet());
            } else if (command instanceof RangeCommand.SetVoters v) {
                out.writeByte(SET_VOTERS);
                out.writeInt(v.voters().size());
                for (int node : v.voters()) {
                    out.writeInt(node);
                }
            } else if (command instanceof RangeCommand.GcVersions g) {
                out.writeByte(GC_VERSIONS);
                writeBytes(out, g.start());
                writeBytes(out, g.end());
                out.writeLong(g.horizonTs());
            } else {
                throw new IllegalArgumentException("unknown command " + command);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteBuffer.wrap(bytes.toByteArray());
    }

    /** Decodes a log entry; throws {@link IllegalArgumentException} for bytes that are not a command. */
    public static RangeCommand decode(ByteBuffer data) {
        byte[] raw = new byte[data.remaining()];
        data.duplicate().get(raw);
        try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(raw))) {
            byte type = in.readByte();
            return switch (type) {
                case NOOP -> new RangeCommand.Noop();
                case COMMIT -> new RangeCommand.CommitWrites(in.readLong(), in.readLong(), readWrites(in));
                case PREPARE -> new RangeCommand.Prepare(in.readLong(), in.readLong(), in.readLong(), readWrites(in),
                        in.available() > 0 ? TxnRecord.fromBytes(readBytes(in)) : null);
                case CHECK_PREPARED -> new RangeCommand.CheckPrepared(in.readLong(), readBytes(in), readBytes(in),
                        in.readLong(), in.readLong());
                case RESOLVE -> {
                    long txnId = in.readLong();
                    boolean commit = in.readBoolean();
                    long ts = in.readLong();
                    int n = in.readInt();
                    List<byte[]> keys = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        keys.add(readBytes(in));
                    }
                    yield new RangeCommand.Resolve(txnId, commit, ts, keys);
                }
                case RESOLVE_SPAN -> new RangeCommand.ResolveSpan(in.readLong(), in.readBoolean(), in.readLong(),
                        readBytes(in), readBytes(in), in.readInt());
                case ABORT_STALE -> new RangeCommand.AbortStale(in.readLong(), in.readLong(), in.readLong());
                case SET_RECORD -> new RangeCommand.SetRecord(TxnRecord.fromBytes(readBytes(in)));
                case DECIDE_STAGED -> new RangeCommand.DecideStaged(TxnRecord.fromBytes(readBytes(in)));
                case DELETE_RECORD -> new RangeCommand.DeleteRecord(in.readLong());
                case SET_META -> new RangeCommand.SetMeta(in.readUTF(), in.readLong());
                case CLEAR_SPAN -> new RangeCommand.ClearSpan(readBytes(in), readBytes(in));
                case GC_VERSIONS -> new RangeCommand.GcVersions(readBytes(in), readBytes(in), in.readLong());
                case READ_WATERMARK -> new RangeCommand.ExtendReadWatermark(in.readLong());
                case SET_QUIET -> new RangeCommand.SetQuiet(in.readBoolean());
                case SET_VOTERS -> {
                    int n = in.readInt();
                    List<Integer> voters = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        voters.add(in.readInt());
                    }
                    yield new RangeCommand.SetVoters(voters);
                }
                case SPLIT -> {
                    long childId = in.readLong();
                    byte[] key = readBytes(in);
                    long generation = in.readLong();
                    int n = in.readInt();
                    List<String> voters = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        voters.add(in.readUTF());
                    }
                    yield new RangeCommand.Split(childId, key, generation, voters);
                }
                default -> throw new IllegalArgumentException("unknown range command type " + type);
            };
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated range command", e);
        }
    }

    private static void writeWrites(DataOutputStream out, List<Write> writes) throws IOException {
        out.writeInt(writes.size());
        for (Write w : writes) {
            writeBytes(out, w.key());
            out.writeBoolean(w.value() != null);
            if (w.value() != null) {
                writeBytes(out, w.value());
            }
        }
    }

    private static List<Write> readWrites(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<Write> writes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            byte[] key = readBytes(in);
            writes.add(new Write(key, in.readBoolean() ? readBytes(in) : null));
        }
        return writes;
    }

    private static void writeBytes(DataOutputStream out, byte[] b) throws IOException {
        out.writeInt(b.length);
        out.write(b);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            throw new IOException("negative length");
        }
        return in.readNBytes(n);
    }
}
