package io.cairndb.server;

import io.cairndb.server.wire.WireServer;
import io.cairndb.sql.CairnSqlEngine;
import io.cairndb.sql.SqlEngine;
import io.cairndb.storage.StorageConfig;
import io.cairndb.storage.StorageNode;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running CairnDB node: its storage (RocksDB + Raft), its SQL engine, its SQL/JDBC listener and its
 * health/metrics HTTP endpoint.
 *
 * <p>Start-up binds the SQL port first (so port 0 can be resolved and recorded as the node's SQL address), then
 * opens storage and the engine; clients that connect in between are told 57P03 "starting up". Close is the
 * reverse: stop accepting, close sessions (rolling back), close the engine, close storage.
 */
public final class CairnNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CairnNode.class);

    private final NodeConfig config;
    private final ServerMetrics metrics = new ServerMetrics();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private WireServer wire;
    private StorageNode storage;
    private SqlEngine engine;
    private HealthEndpoint http;
    private volatile boolean serving;
    private boolean closed;

    private CairnNode(NodeConfig config) {
        this.config = config;
    }

    /** Starts a node; on any failure, whatever was started is closed again and the failure is thrown. */
    public static CairnNode start(NodeConfig config) {
        CairnNode node = new CairnNode(config);
        try {
            node.startAll();
            return node;
        } catch (RuntimeException | Error e) {
            LOG.error("node failed to start", e);
            node.close();
            throw e;
        }
    }

    private void startAll() {
        wire = WireServer.start(config.host(), config.port(), metrics);
        String sqlAddress = config.host() + ":" + wire.port();
        storage = StorageNode.open(new StorageConfig(config.dataDir(), config.host(), config.raftPort(),
                config.join(), sqlAddress, config.replicationFactor(), config.rangeMaxBytes()));
        engine = CairnSqlEngine.open(storage);
        wire.setEngine(engine);
        if (config.httpPort() != 0) {
            http = HealthEndpoint.start(config.host(), config.httpPort(), metrics, () -> serving);
        }
        serving = true;
        LOG.info("CairnDB node {} serving SQL at {} (data in {})", storage.nodeId(), jdbcUrl(), config.dataDir());
    }

    public NodeConfig config() {
        return config;
    }

    /** The SQL/JDBC port actually bound. */
    public int port() {
        return wire.port();
    }

    /** The HTTP port actually bound, or 0 when the endpoint is off. */
    public int httpPort() {
        return http == null ? 0 : http.port();
    }

    /** A JDBC URL for this node alone. */
    public String jdbcUrl() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        } else if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return "jdbc:cairndb://" + host + ":" + port();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    public StorageNode storage() {
        return storage;
    }

    /**
     * Blocks until {@link #close} has finished (from another thread or a shutdown hook). An interrupt ends the
     * wait early, with the thread's interrupt flag set again.
     */
    public void awaitShutdown() {
        try {
            closedLatch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Closes this node when the JVM shuts down (Ctrl-C, SIGTERM); returns the hook thread. */
    public Thread installShutdownHook() {
        Thread hook = new Thread(() -> {
            LOG.info("shutting down");
            close();
        }, "cairndb-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        serving = false;
        try {
            closeQuietly("SQL listener", wire);
            closeQuietly("SQL engine", engine);
            closeQuietly("storage", storage);
            closeQuietly("HTTP endpoint", http);
        } finally {
            closedLatch.countDown();
        }
    }

    private static void closeQuietly(String what, AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("error closing the {}", what, e);
        }
    }
}
