package io.cairndb.server.it;

import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** A real CairnDB node in this JVM (real RocksDB, real jraft, real sockets) in a temporary directory. */
final class TestNode implements AutoCloseable {
    private final Path dataDir;
    private final CairnNode node;

    private TestNode(Path dataDir, CairnNode node) {
        this.dataDir = dataDir;
        this.node = node;
    }

    static TestNode start() {
        try {
            Path dir = Files.createTempDirectory("cairndb-it");
            CairnNode node = CairnNode.start(new NodeConfig(dir, "127.0.0.1", 0, freePort(), 0, List.of(), 1));
            return new TestNode(dir, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A node whose ranges split once they pass {@code rangeMaxBytes}. */
    static TestNode start(long rangeMaxBytes) {
        try {
            Path dir = Files.createTempDirectory("cairndb-it");
            CairnNode node = CairnNode.start(new NodeConfig(dir, "127.0.0.1", 0, freePort(), 0, List.of(), 1,
                    rangeMaxBytes));
            return new TestNode(dir, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return node.jdbcUrl();
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a temp directory
        }
    }

    @Override
    public void close() {
        node.close();
        deleteRecursively(dataDir);
    }
}
