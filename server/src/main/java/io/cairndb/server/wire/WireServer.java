package io.cairndb.server.wire;

import io.cairndb.protocol.Frames;
import io.cairndb.server.ServerMetrics;
import io.cairndb.sql.SqlEngine;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL/JDBC listener of a node: a Netty server speaking the CairnDB protocol. Statements run on a worker pool,
 * never on the event loop. Until {@link #setEngine} is called, handshakes are answered 57P03 ("starting up"),
 * which lets a node bind its port (and learn it, for port 0) before storage is open.
 */
public final class WireServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WireServer.class);

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService sqlPool;
    private final ChannelGroup channels = new DefaultChannelGroup("cairndb-clients", GlobalEventExecutor.INSTANCE);
    private final ServerMetrics metrics;
    private volatile SqlEngine engine;
    private Channel serverChannel;
    private volatile boolean closed;

    private WireServer(ServerMetrics metrics) {
        this.metrics = metrics;
        this.boss = new NioEventLoopGroup(1, new DefaultThreadFactory("cairndb-accept", true));
        this.workers = new NioEventLoopGroup(2, new DefaultThreadFactory("cairndb-io", true));
        AtomicInteger n = new AtomicInteger();
        this.sqlPool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                r -> {
                    Thread t = new Thread(r, "cairndb-sql-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Binds {@code host:port} (0 picks a free port) with the default max frame size. */
    public static WireServer start(String host, int port, ServerMetrics metrics) {
        return start(host, port, metrics, Frames.DEFAULT_MAX_FRAME_SIZE);
    }

    public static WireServer start(String host, int port, ServerMetrics metrics, int maxFrameSize) {
        WireServer server = new WireServer(metrics);
        try {
            server.bind(host, port, maxFrameSize);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void bind(String host, int port, int maxFrameSize) {
        ServerBootstrap b = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_KEEPALIVE, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (closed) {
                            ch.close();
                            return;
                        }
                        channels.add(ch);
                        ch.pipeline().addLast("frames", new FrameDecoder(maxFrameSize));
                        ch.pipeline().addLast("session", new ConnectionHandler(WireServer.this, metrics, sqlPool));
                    }
                });
        try {
            serverChannel = b.bind(new InetSocketAddress(host, port)).syncUninterruptibly().channel();
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        LOG.info("SQL listener on {}", serverChannel.localAddress());
    }

    /** From now on, handshakes open sessions on {@code engine}. */
    public void setEngine(SqlEngine engine) {
        this.engine = engine;
    }

    SqlEngine engine() {
        return closed ? null : engine;
    }

    /** The bound port (the real one when 0 was asked for). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public ServerMetrics metrics() {
        return metrics;
    }

    /**
     * Stops accepting, closes every connection (cancelling running statements and closing their sessions, which
     * rolls back), and waits for the session closes to finish.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (serverChannel != null) {
            serverChannel.close().syncUninterruptibly();
        }
        channels.close().awaitUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        sqlPool.shutdown();
        try {
            if (!sqlPool.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("statements still running 30 s after shutdown began; interrupting them");
                sqlPool.shutdownNow();
                // storage closes after this returns: never under a statement still inside RocksDB or jraft
                if (!sqlPool.awaitTermination(30, TimeUnit.SECONDS)) {
                    LOG.error("statements still running after interruption; storage closes under them");
                }
            }
        } catch (InterruptedException e) {
            sqlPool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
