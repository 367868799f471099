package io.cairndb.storage.range;

import com.alipay.sofa.jraft.Closure;
import com.alipay.sofa.jraft.Status;
import com.alipay.sofa.jraft.error.RaftError;
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
        } else if (refusedBeforeAppend(status)) {
            // never entered the log: safe to send to the new leader, even a commit
            future.completeExceptionally(new NotLeaderException("range " + rangeId + ": command refused: "
                    + status.getErrorMsg(), null));
        } else {
            future.completeExceptionally(new RangeUnavailableException(
                    "range " + rangeId + ": command not applied: " + status.getErrorMsg()));
        }
    }

    /**
     * jraft refuses a task before appending it when this replica is no longer leader ("Is not leader.") or is
     * handing leadership over (EBUSY); a task already appended fails with "Leader stepped down" and may still
     * commit under the next leader.
     */
    private static boolean refusedBeforeAppend(Status status) {
        String msg = String.valueOf(status.getErrorMsg());
        return status.getRaftError() == RaftError.EBUSY || msg.startsWith("Is not leader")
                || msg.startsWith("Is transferring leadership");
    }
}
