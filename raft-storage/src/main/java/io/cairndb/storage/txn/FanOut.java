package io.cairndb.storage.txn;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Sends a transaction's calls to several ranges at once. The calls block on a reply (a remote leader's RPC or a
 * local Raft round), so each runs on a thread of its own from a cached pool; a commit then waits for the slowest
 * range rather than for the sum of them.
 */
final class FanOut {
    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "cairndb-commit-fanout");
        t.setDaemon(true);
        return t;
    });

    private FanOut() {
    }

    static <T> CompletableFuture<T> call(Supplier<T> call) {
        return CompletableFuture.supplyAsync(call, CALLS);
    }

    /** {@code call} on each of {@code items}, all at once. */
    static <I, T> java.util.List<CompletableFuture<T>> callEach(java.util.List<I> items,
                                                                java.util.function.Function<I, T> call) {
        java.util.List<CompletableFuture<T>> calls = new java.util.ArrayList<>(items.size());
        for (I item : items) {
            calls.add(call(() -> call.apply(item)));
        }
        return calls;
    }

    /** The call's result, or the exception it threw (unwrapped, as a direct call would have thrown it). */
    static <T> T join(CompletableFuture<T> call) {
        try {
            return call.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Waits for every call; then throws the first failure, if any (so none is left running unseen). */
    static <T> void awaitAll(java.util.List<CompletableFuture<T>> calls) {
        RuntimeException failed = null;
        for (CompletableFuture<T> c : calls) {
            try {
                join(c);
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
