package io.cairndb.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The operators' HTTP endpoint: {@code GET /health} → 200 "ok" (503 when not serving), {@code GET /metrics} →
 * plain-text counters. The JDK's built-in HTTP server is enough for two tiny resources.
 */
public final class HealthEndpoint implements AutoCloseable {
    private final HttpServer server;

    private HealthEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Binds {@code host:port} (0 picks a free port) and starts serving. */
    public static HealthEndpoint start(String host, int port, ServerMetrics metrics, BooleanSupplier healthy) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 16);
            server.createContext("/health", ex -> respond(ex, healthy.getAsBoolean() ? 200 : 503,
                    healthy.getAsBoolean() ? "ok\n" : "unavailable\n"));
            server.createContext("/metrics", ex -> respond(ex, 200, metrics.render()));
            server.createContext("/", ex -> respond(ex, 404, "not found\n"));
            server.setExecutor(Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "cairndb-http");
                t.setDaemon(true);
                return t;
            }));
            server.start();
            return new HealthEndpoint(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind the HTTP endpoint on " + host + ":" + port, e);
        }
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        try (ex) {
            if (!"GET".equals(ex.getRequestMethod()) && !"HEAD".equals(ex.getRequestMethod())) {
                status = 405;
                body = "method not allowed\n";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(status, "HEAD".equals(ex.getRequestMethod()) ? -1 : bytes.length);
            if (!"HEAD".equals(ex.getRequestMethod())) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
