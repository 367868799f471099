package io.cairndb.server;

import java.util.concurrent.atomic.AtomicLong;

/** Counters a node exposes on /metrics. Thread-safe. */
public final class ServerMetrics {
    private final AtomicLong openSessions = new AtomicLong();
    private final AtomicLong sessionsTotal = new AtomicLong();
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong protocolErrors = new AtomicLong();
    private final AtomicLong rowBatches = new AtomicLong();

    public void sessionOpened() {
        openSessions.incrementAndGet();
        sessionsTotal.incrementAndGet();
    }

    public void sessionClosed() {
        openSessions.decrementAndGet();
    }

    public void statementExecuted() {
        statements.incrementAndGet();
    }

    public void errorReturned() {
        errors.incrementAndGet();
    }

    public void protocolError() {
        protocolErrors.incrementAndGet();
    }

    public void rowBatchSent() {
        rowBatches.incrementAndGet();
    }

    public long openSessions() {
        return openSessions.get();
    }

    public long sessionsTotal() {
        return sessionsTotal.get();
    }

    public long statements() {
        return statements.get();
    }

    public long errors() {
        return errors.get();
    }

    public long protocolErrors() {
        return protocolErrors.get();
    }

    /** ROW_BATCH messages sent: the first page of each result plus one per FETCH. */
    public long rowBatches() {
        return rowBatches.get();
    }

    /** Plain text, one {@code name value} per line (Prometheus text format without help lines). */
    public String render() {
        return "cairndb_sessions_open " + openSessions() + "\n"
                + "cairndb_sessions_total " + sessionsTotal() + "\n"
                + "cairndb_statements_total " + statements() + "\n"
                + "cairndb_errors_total " + errors() + "\n"
                + "cairndb_protocol_errors_total " + protocolErrors() + "\n"
                + "cairndb_row_batches_total " + rowBatches() + "\n";
    }
}
