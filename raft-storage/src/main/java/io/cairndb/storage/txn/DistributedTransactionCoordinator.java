package io.cairndb.storage.txn;

import io.cairndb.storage.range.RangeRouter;
import io.cairndb.storage.time.HybridClock;
import java.util.function.LongSupplier;

/**
 * The coordinator of transactions begun on this node: hands out read timestamps and ids, and commits through
 * {@link CommitProtocol} (1PC for one range, 2PC otherwise).
 */
public final class DistributedTransactionCoordinator implements TransactionCoordinator {
    private final RangeRouter router;
    private final HybridClock clock;
    private final LongSupplier ids;
    private final CommitProtocol commits;

    public DistributedTransactionCoordinator(RangeRouter router, HybridClock clock, LongSupplier ids) {
        this.router = router;
        this.clock = clock;
        this.ids = ids;
        this.commits = new CommitProtocol(router, clock);
    }

    @Override
    public Transaction begin() {
        return new RangeTransaction(ids.getAsLong(), clock.now(), false, router, commits, clock::now);
    }

    @Override
    public Transaction beginReadOnly() {
        return new RangeTransaction(ids.getAsLong(), clock.now(), true, router, commits, clock::now);
    }
}
