package io.cairndb.storage.range;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The record that decides a multi-range transaction: written through the Raft group of the range of the
 * transaction's first written key. A final record (COMMITTED, ABORTED) never changes; a STAGING one — written with
 * that range's intents by a parallel commit — is the commit point together with the other ranges' intents, and is
 * turned final afterwards by its coordinator or by recovery.
 *
 * @param txnId        the transaction
 * @param status       its state
 * @param commitTs     COMMITTED: the commit timestamp; STAGING: the timestamp every write must be prepared at (or
 *                     below) for the transaction to be committed; ABORTED: when the record was written (0 in records
 *                     written before 2026-11-23); PENDING: its coordinator's last heartbeat; records older than the
 *                     garbage-collection horizon are collected
 * @param participants ids of the ranges holding its intents
 * @param staged       STAGING: each range's writes, as a key span and the number of keys in it (empty otherwise)
 */
public record TxnRecord(long txnId, TxnStatus status, long commitTs, long[] participants, List<Staged> staged) {

    /** The writes prepared at one range: {@code keys} distinct keys in {@code [start, end)}. */
    public record Staged(byte[] start, byte[] end, int keys) {
    }

    public TxnRecord(long txnId, TxnStatus status, long commitTs, long[] participants) {
        this(txnId, status, commitTs, participants, List.of());
    }

    /** The same transaction in another state: the staged writes are dropped, the participants kept. */
    public TxnRecord as(TxnStatus newStatus, long ts) {
        return new TxnRecord(txnId, newStatus, ts, participants);
    }

    public byte[] toBytes() {
        int size = 8 + 1 + 8 + 4 + 8 * participants.length;
        if (!staged.isEmpty()) {
            size += 4;
            for (Staged s : staged) {
                size += 4 + s.start().length + 4 + s.end().length + 4;
            }
        }
        ByteBuffer buf = ByteBuffer.allocate(size);
        buf.putLong(txnId).put((byte) status.ordinal()).putLong(commitTs).putInt(participants.length);
        for (long p : participants) {
            buf.putLong(p);
        }
        if (!staged.isEmpty()) {
            buf.putInt(staged.size());
            for (Staged s : staged) {
                buf.putInt(s.start().length).put(s.start()).putInt(s.end().length).put(s.end()).putInt(s.keys());
            }
        }
        return buf.array();
    }

    public static TxnRecord fromBytes(byte[] bytes) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        long txnId = buf.getLong();
        TxnStatus status = TxnStatus.values()[buf.get()];
        long commitTs = buf.getLong();
        long[] participants = new long[buf.getInt()];
        for (int i = 0; i < participants.length; i++) {
            participants[i] = buf.getLong();
        }
        List<Staged> staged = new ArrayList<>();
        if (buf.hasRemaining()) {
            int n = buf.getInt();
            for (int i = 0; i < n; i++) {
                byte[] start = new byte[buf.getInt()];
                buf.get(start);
                byte[] end = new byte[buf.getInt()];
                buf.get(end);
                staged.add(new Staged(start, end, buf.getInt()));
            }
        }
        return new TxnRecord(txnId, status, commitTs, participants, staged);
    }
}
