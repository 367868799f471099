package io.cairndb.jdbc;

import io.cairndb.protocol.ColumnInfo;
import io.cairndb.protocol.Frame;
import io.cairndb.protocol.Frames;
import io.cairndb.protocol.Message;
import io.cairndb.protocol.ParamInfo;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A small in-test CairnDB peer for failover tests: accepts connections until {@link #stop}ped, and answers like
 * a server holding one table. Every query returns one row whose only column is the server's name, so a test sees
 * which host answered; a query whose SQL contains {@code BIG} returns a first page and keeps its cursor open.
 * Requests matching {@code dropOn} make it close that connection without answering, as a dying host does; a
 * {@link #dying} server then also stops accepting connections.
 */
final class FakeServer implements AutoCloseable {
    private static final List<ColumnInfo> COLUMNS =
            List.of(new ColumnInfo("NAME", "NAME", "PUBLIC", "T", Types.VARCHAR, "VARCHAR", 10, 0, false));

    private final String name;
    private final ServerSocket listener;
    private final Predicate<Message> dropOn;
    private final boolean stopOnDrop;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final Map<Long, String> statements = new ConcurrentHashMap<>();
    private final AtomicLong nextStatementId;
    private final Thread acceptor;
    private volatile boolean stopped;

    private FakeServer(String name, long firstStatementId, Predicate<Message> dropOn, boolean stopOnDrop)
            throws IOException {
        this.name = name;
        this.listener = new ServerSocket(0);
        this.dropOn = dropOn;
        this.stopOnDrop = stopOnDrop;
        this.nextStatementId = new AtomicLong(firstStatementId);
        this.acceptor = new Thread(this::acceptLoop, "fake-server-" + name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A server named {@code name} whose prepared statement ids start at {@code firstStatementId}. */
    static FakeServer start(String name, long firstStatementId, Predicate<Message> dropOn) throws IOException {
        return new FakeServer(name, firstStatementId, dropOn, false);
    }

    /** Like {@link #start}, but the whole host goes down (connections refused) at the first {@code dieOn}. */
    static FakeServer dying(String name, long firstStatementId, Predicate<Message> dieOn) throws IOException {
        return new FakeServer(name, firstStatementId, dieOn, true);
    }

    static FakeServer start(String name, long firstStatementId) throws IOException {
        return start(name, firstStatementId, m -> false);
    }

    String hostPort() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** What this server received, one line per message: "HELLO", "EXECUTE SELECT 1", "EXECUTE_PREPARED 7"… */
    List<String> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    long count(String line) {
        return log().stream().filter(line::equals).count();
    }

    /** Closes the open connections (the host stays up and accepts new ones). */
    void dropConnections() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }

    /** The host goes down: no new connections (refused), open ones closed. */
    void stop() {
        stopped = true;
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        // the JDK closes a listener blocked in accept() only once that accept() returns: wait for it, or a
        // connection made right after stop() could still be accepted
        if (Thread.currentThread() != acceptor) {
            try {
                acceptor.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        dropConnections();
    }

    @Override
    public void close() {
        stop();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket s = listener.accept();
                if (stopped) {
                    closeQuietly(s); // accepted in the instant the listener was closing: a down host says nothing
                    return;
                }
                sockets.add(s);
                Thread t = new Thread(() -> serve(s), "fake-server-" + name + "-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return; // stopped
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();
            Frame hello = Frames.read(in, Frames.DEFAULT_MAX_FRAME_SIZE);
            Message.Hello h = (Message.Hello) hello.message();
            log.add("HELLO");
            String schema = h.schema() == null ? "PUBLIC" : h.schema();
            out.write(Frames.encode(hello.requestId(), new Message.HelloOk(1, "0.1.0", 1, schema,
                    Connection.TRANSACTION_SERIALIZABLE)));
            while (true) {
                Frame f = Frames.read(in, Frames.DEFAULT_MAX_FRAME_SIZE);
                Message m = f.message();
                if (m instanceof Message.Cancel) {
                    continue;
                }
                log.add(describe(m));
                if (dropOn.test(m)) {
                    if (stopOnDrop) {
                        stop();
                    }
                    return;
                }
                if (m instanceof Message.SetSchema set) {
                    schema = set.schema();
                }
                for (Message reply : answer(m, schema)) {
                    out.write(Frames.encode(f.requestId(), reply));
                }
                out.flush();
                if (m instanceof Message.Close) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client went away, or the test dropped the connection
        } finally {
            sockets.remove(s);
        }
    }

    private List<Message> answer(Message m, String schema) {
        if (m instanceof Message.Execute e) {
            return run(e.sql(), schema);
        }
        if (m instanceof Message.Prepare p) {
            long id = nextStatementId.getAndIncrement();
            statements.put(id, p.sql());
            int params = (int) p.sql().chars().filter(c -> c == '?').count();
            List<ParamInfo> info = new ArrayList<>();
            for (int i = 0; i < params; i++) {
                info.add(new ParamInfo(Types.INTEGER, "INTEGER", 10, 0));
            }
            return List.of(new Message.Prepared(id, info, isQuery(p.sql()) ? COLUMNS : List.of()));
        }
        if (m instanceof Message.ExecutePrepared ep) {
            String sql = statements.get(ep.statementId());
            if (sql == null) {
                return List.of(new Message.Error("26000", "no prepared statement " + ep.statementId()));
            }
            return run(sql, schema);
        }
        if (m instanceof Message.ExecuteBatch b) {
            int n = b.sqls() != null ? b.sqls().size() : b.paramRows().size();
            long[] counts = new long[n];
            java.util.Arrays.fill(counts, 1);
            return List.of(new Message.BatchResult(counts, null, null));
        }
        if (m instanceof Message.Fetch f) {
            return List.of(new Message.RowBatch(f.cursorId(), List.<Object[]>of(new Object[] {name}), false));
        }
        return List.of(new Message.Ok());
    }

    private List<Message> run(String sql, String schema) {
        if (!isQuery(sql)) {
            return List.of(new Message.UpdateCount(1, schema));
        }
        boolean big = sql.contains("BIG");
        long cursor = big ? 9 : 0;
        return List.of(new Message.ResultHeader(cursor, COLUMNS),
                new Message.RowBatch(cursor, List.<Object[]>of(new Object[] {name}), big));
    }

    private static boolean isQuery(String sql) {
        String s = sql.strip().toUpperCase(java.util.Locale.ROOT);
        return s.startsWith("SELECT") || s.startsWith("/*") || s.startsWith("--") || s.startsWith("VALUES");
    }

    /** One log line per request. */
    static String describe(Message m) {
        if (m instanceof Message.Execute e) {
            return "EXECUTE " + e.sql();
        }
        if (m instanceof Message.Prepare p) {
            return "PREPARE " + p.sql();
        }
        if (m instanceof Message.ExecutePrepared ep) {
            return "EXECUTE_PREPARED " + ep.statementId();
        }
        if (m instanceof Message.SetSchema s) {
            return "SET_SCHEMA " + s.schema();
        }
        if (m instanceof Message.SetAutoCommit a) {
            return "SET_AUTOCOMMIT " + a.autoCommit();
        }
        if (m instanceof Message.SetReadOnly r) {
            return "SET_READ_ONLY " + r.readOnly();
        }
        return m.type().name();
    }

    /** Whether {@code m} runs {@code sql} (as text). */
    static boolean executes(Message m, String sqlPrefix) {
        return m instanceof Message.Execute e && e.sql().startsWith(sqlPrefix);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
