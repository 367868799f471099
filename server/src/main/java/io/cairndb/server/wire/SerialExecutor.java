package io.cairndb.server.wire;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;

/**
 * Runs one connection's tasks one after another, in order, on a shared worker pool: a session is driven by one
 * thread at a time while the event loop never blocks on SQL.
 */
final class SerialExecutor implements Executor {
    private final Executor pool;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    SerialExecutor(Executor pool) {
        this.pool = pool;
    }

    /** Tasks waiting (not counting the one running). */
    synchronized int pending() {
        return tasks.size();
    }

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
        if (!running) {
            running = true;
            try {
                pool.execute(this::drain);
            } catch (RuntimeException e) {
                running = false; // the pool refused (shutting down): later tasks may still be handed to it
                tasks.remove(task);
                throw e;
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run(); // tasks catch their own exceptions; this guards against Errors such as OOM
            } catch (Throwable t) {
                synchronized (this) {
                    running = false;
                    if (!tasks.isEmpty()) {
                        running = true;
                        pool.execute(this::drain); // the connection's later tasks (closing the session) still run
                    }
                }
                throw t;
            }
        }
    }
}
