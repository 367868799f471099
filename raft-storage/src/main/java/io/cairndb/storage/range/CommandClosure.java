package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import java.util.concurrent.CompletableFuture;

/**
 * Completion of one proposed command: jraft runs it after the entry is applied (with the apply result set by
 * the state machine) or when the proposal failed. jraft always runs the closure of an accepted task.
 */
final class CommandClosure implements Closure {
    private final long rangeId;
    private final CompletableFuture<Object> future = new CompletableFuture<>();
    private volatile Object result;

    CommandClosure(long rangeId) {
        this.rangeId = rangeId;
    }

    void setResult(Object result) {
        this.result = result;
    }

    CompletableFuture<Object> future() {
        return future;
    }

    @Override
    public void run(Status status) {
        if (status.isOk()) {
            future.complete(result);
        } else {
            future.completeExceptionally(new RangeUnavailableException(
                    "range " + rangeId + ": command not applied: " + status.getErrorMsg()));
        }
    }
}
