package io.cairndb.storage.raftlog;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Key layout of the shared log store. Every key starts with the group id's bytes, so one group's keys are one
 * contiguous span and never interleave with another group's:
 *
 * <ul>
 *   <li>{@code group 00 index(8 bytes, big-endian)} — a log entry (entries family) or a configuration entry
 *       (conf family); big-endian keeps a group's entries in index order, so first/last index are one seek;</li>
 *   <li>{@code group 01} — the group's first-log-index marker (conf family), as jraft keeps it.</li>
 * </ul>
 *
 * <p>{@code [group 00, group 02)} therefore covers everything of a group. jraft group ids only use letters,
 * digits, '-' and '_' (bytes above 02), so no other group's keys fall into that span: a longer id sharing the
 * prefix continues with a byte ≥ 03, which sorts after {@code group 02}.
 */
public final class LogKeys {
    private static final byte ENTRY = 0x00;
    private static final byte FIRST_INDEX_MARKER = 0x01;
    private static final byte GROUP_END = 0x02;

    private LogKeys() {
    }

    /** The id's bytes; rejects ids whose bytes could make two groups' spans overlap. */
    public static byte[] group(String groupId) {
        byte[] bytes = groupId.getBytes(StandardCharsets.UTF_8);
        if (bytes.length == 0) {
            throw new IllegalArgumentException("empty Raft group id");
        }
        for (byte b : bytes) {
            if ((b & 0xFF) <= GROUP_END) {
                throw new IllegalArgumentException("Raft group id with a control byte: " + groupId);
            }
        }
        return bytes;
    }

    /** Key of the entry at {@code index} of the group. */
    public static byte[] entry(byte[] group, long index) {
        return ByteBuffer.allocate(group.length + 9).put(group).put(ENTRY).putLong(index).array();
    }

    /** Index of an entry key. */
    public static long indexOf(byte[] entryKey) {
        return ByteBuffer.wrap(entryKey, entryKey.length - 8, 8).getLong();
    }

    /** First key of the group's entries (inclusive). */
    public static byte[] entriesStart(byte[] group) {
        return suffixed(group, ENTRY);
    }

    /** End of the group's entries (exclusive). */
    public static byte[] entriesEnd(byte[] group) {
        return suffixed(group, FIRST_INDEX_MARKER);
    }

    /** The group's first-log-index marker. */
    public static byte[] firstIndexMarker(byte[] group) {
        return suffixed(group, FIRST_INDEX_MARKER);
    }

    /** End of everything the group has (exclusive): entries, conf entries and the marker. */
    public static byte[] groupEnd(byte[] group) {
        return suffixed(group, GROUP_END);
    }

    /** Whether {@code key} is an entry key (as opposed to the marker). */
    public static boolean isEntry(byte[] group, byte[] key) {
        return key.length == group.length + 9 && key[group.length] == ENTRY;
    }

    private static byte[] suffixed(byte[] group, byte suffix) {
        byte[] key = Arrays.copyOf(group, group.length + 1);
        key[group.length] = suffix;
        return key;
    }
}
