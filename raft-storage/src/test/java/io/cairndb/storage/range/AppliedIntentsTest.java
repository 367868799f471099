package io.cairndb.storage.range;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cairndb.storage.mvcc.TxnIntents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The per-transaction summary of a replica's intents, followed through the entries that change it. */
class AppliedIntentsTest {
    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String show(List<TxnIntents> summary) {
        return summary.stream()
                .map(t -> t.txnId() + ":" + new String(t.firstKey(), StandardCharsets.ISO_8859_1) + "-"
                        + new String(t.endExclusive(), StandardCharsets.ISO_8859_1) + "@" + t.oldestTs() + ".."
                        + t.newestTs())
                .sorted().collect(Collectors.joining(" "));
    }

    @Test
    void batchesWidenATransactionsSpanAndTimestamps() {
        AppliedIntents intents = new AppliedIntents(List.of());
        intents.written(7, 1, 50, b("d"), b("f"), List.of(b("d"), b("e")));
        intents.written(7, 1, 40, b("a"), b("c"), List.of(b("a"), b("b")));
        intents.written(7, 1, 60, b("e"), b("h"), List.of(b("e"), b("g")));
        intents.written(8, 2, 55, b("x"), b("y"), List.of(b("x")));
        assertEquals("7:a-h@40..60 8:x-y@55..55", show(intents.summary()));
        assertEquals(1, intents.summary().stream().filter(t -> t.txnId() == 7).findFirst().orElseThrow()
                .recordRangeId());
    }

    @Test
    void aSpanResolvedFromItsStartShrinksItAndGoesWhenItReachesItsEnd() {
        AppliedIntents intents = new AppliedIntents(List.of(new TxnIntents(7, 1, 40, 60, b("a"), b("h"))));
        intents.resolvedSpan(7, b("c"), b("e"));
        assertEquals("7:a-h@40..60", show(intents.summary()), "a hole in the middle is not tracked: still covered");
        intents.resolvedSpan(7, b("a"), b("d"));
        assertEquals("7:d-h@40..60", show(intents.summary()));
        intents.resolvedSpan(7, b("d"), b("h"));
        assertEquals("", show(intents.summary()));
        intents.written(9, 1, 10, b("a"), b("b"), List.of(b("a")));
        intents.resolvedSpan(9, b("0"), b(""));
        assertEquals("", show(intents.summary()), "an unbounded resolution from before it covers it all");
    }

    @Test
    void aSmallTransactionGoesWhenItsLastKeyIsResolvedWithoutAskingTheStore() {
        AppliedIntents intents = new AppliedIntents(List.of());
        intents.written(7, 1, 40, b("c"), b("t"), List.of(b("c"), b("k"), b("s")));
        AppliedIntents.SpanProbe never = (txn, from, to) -> {
            throw new AssertionError("the store is not asked about a transaction whose keys are tracked");
        };
        intents.resolvedKeys(7, List.of(b("c"), b("s")), never);
        assertEquals("7:c-t@40..40", show(intents.summary()), "k is still an intent");
        intents.resolvedKeys(7, List.of(b("k")), never);
        assertEquals("", show(intents.summary()));
    }

    @Test
    void aTransactionWithTooManyKeysToTrackGoesWhenTheStoreHoldsNoneOfItsIntentsAnyMore() {
        AppliedIntents intents = new AppliedIntents(List.of(new TxnIntents(7, 1, 40, 60, b("a"), b("h"))));
        intents.resolvedKeys(7, List.of(b("b")), (txn, from, to) -> true);
        assertEquals("7:a-h@40..60", show(intents.summary()), "read from the store: its keys are not known");
        intents.resolvedKeys(7, List.of(b("c")), (txn, from, to) -> {
            assertEquals("a-h", new String(from, StandardCharsets.ISO_8859_1) + "-"
                    + new String(to, StandardCharsets.ISO_8859_1), "asked about its whole span");
            return false;
        });
        assertEquals("", show(intents.summary()));

        List<byte[]> many = new java.util.ArrayList<>();
        for (int i = 0; i <= AppliedIntents.TRACKED_KEYS; i++) {
            many.add(b(String.format("k%05d", i)));
        }
        intents.written(8, 1, 10, many.get(0), b("l"), many.subList(0, 10));
        intents.written(8, 1, 10, many.get(10), b("l"), many.subList(10, many.size()));
        intents.resolvedKeys(8, many, (txn, from, to) -> true);
        assertEquals(1, intents.summary().size(), "past the limit its keys are no longer counted");
    }

    @Test
    void aSplitHandsTheChildItsPartAndKeepsTheRest() {
        AppliedIntents intents = new AppliedIntents(List.of(
                new TxnIntents(7, 1, 40, 60, b("a"), b("h")),
                new TxnIntents(8, 2, 55, 55, b("m"), b("p")),
                new TxnIntents(9, 3, 20, 30, b("b"), b("c"))));
        List<TxnIntents> child = intents.split(b("e"));
        assertEquals("7:e-h@40..60 8:m-p@55..55", show(child));
        assertEquals("7:a-e@40..60 9:b-c@20..30", show(intents.summary()));

        // a small transaction's tracked keys stay with the side that holds them
        AppliedIntents small = new AppliedIntents(List.of());
        small.written(5, 1, 10, b("b"), b("t"), List.of(b("b"), b("s")));
        small.written(6, 1, 10, b("c"), b("s"), List.of(b("q"), b("r"))); // a span wider than its keys
        assertEquals("5:m-t@10..10 6:m-s@10..10", show(small.split(b("m"))));
        assertEquals("5:b-m@10..10", show(small.summary()), "6 has no key left before the split");
        small.resolvedKeys(5, List.of(b("b")), (txn, from, to) -> {
            throw new AssertionError("its remaining key b is tracked");
        });
        assertEquals("", show(small.summary()));
    }

    @Test
    void aClearedSpanTakesTheTransactionsInsideIt() {
        AppliedIntents intents = new AppliedIntents(List.of(
                new TxnIntents(7, 1, 40, 60, b("a"), b("h")),
                new TxnIntents(8, 2, 55, 55, b("m"), b("p"))));
        intents.cleared(b("k"), b(""));
        assertEquals("7:a-h@40..60", show(intents.summary()));
        intents.replaceWith(List.of(new TxnIntents(3, 1, 5, 5, b("q"), b("r"))));
        assertEquals("3:q-r@5..5", show(intents.summary()), "a snapshot installed replaces it all");
    }
}
