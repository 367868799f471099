package io.cairndb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real single node (RocksDB, jraft, Netty): lifecycle, port 0, the HTTP endpoint, orderly close. */
class CairnNodeTest {

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String get(int port, String path, int expectedStatus) throws IOException {
        HttpURLConnection http = (HttpURLConnection) new URL("http://127.0.0.1:" + port + path).openConnection();
        try {
            assertEquals(expectedStatus, http.getResponseCode(), path);
            try (InputStream in = expectedStatus < 400 ? http.getInputStream() : http.getErrorStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            http.disconnect();
        }
    }

    @Test
    void startServeAndCloseInOrder(@TempDir Path dir) throws Exception {
        int httpPort = freePort();
        CairnNode node = CairnNode.start(new NodeConfig(dir, "127.0.0.1", 0, freePort(), httpPort, List.of(), 1));
        String url;
        try {
            assertNotEquals(0, node.port(), "port 0 resolves to the bound port");
            url = node.jdbcUrl();
            assertEquals("jdbc:cairndb://127.0.0.1:" + node.port(), url);
            assertEquals(httpPort, node.httpPort());
            assertEquals("ok\n", get(httpPort, "/health", 200));
            try (Connection c = DriverManager.getConnection(url)) {
                assertTrue(c.isValid(5));
                assertEquals("CairnDB", c.getMetaData().getDatabaseProductName());
                String metrics = get(httpPort, "/metrics", 200);
                assertTrue(metrics.contains("cairndb_sessions_open 1"), metrics);
            }
            get(httpPort, "/nothing-here", 404);
        } finally {
            node.close();
        }
        node.awaitShutdown(); // returns: the node is closed
        SQLException e = assertThrows(SQLException.class, () -> DriverManager.getConnection(url));
        assertEquals("08001", e.getSQLState());
        node.close(); // idempotent
    }

    @Test
    void badConfigurationIsRejectedUpFront(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class,
                () -> new NodeConfig(dir, "127.0.0.1", 70000, 26258, 0, List.of(), 1));
        assertThrows(IllegalArgumentException.class,
                () -> new NodeConfig(dir, "127.0.0.1", 0, 26258, 0, List.of(), 0));
        assertThrows(NullPointerException.class, () -> new NodeConfig(null, "h", 0, 1, 0, List.of(), 1));
    }
}
