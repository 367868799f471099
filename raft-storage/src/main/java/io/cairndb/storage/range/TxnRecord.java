package io.cairndb.storage.range;

import java.nio.ByteBuffer;

/**
 * The record that decides a multi-range transaction: written once, through the Raft group of the range of
 * the transaction's first written key. COMMITTED is the commit point of two-phase commit.
 *
 * @param txnId        the transaction
 * @param status       its state
 * @param commitTs     COMMITTED: the commit timestamp; ABORTED: when the record was written (0 in records written
 *                     before 2026-11-23); PENDING: its coordinator's last heartbeat; records older than the
 *                     garbage-collection horizon are collected
 * @param participants ids of the ranges holding its intents
 */
public record TxnRecord(long txnId, TxnStatus status, long commitTs, long[] participants) {

    public byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(8 + 1 + 8 + 4 + 8 * participants.length);
        buf.putLong(txnId).put((byte) status.ordinal()).putLong(commitTs).putInt(participants.length);
        for (long p : participants) {
            buf.putLong(p);
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
        return new TxnRecord(txnId, status, commitTs, participants);
    }
}
