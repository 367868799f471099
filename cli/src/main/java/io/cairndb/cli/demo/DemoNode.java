package io.cairndb.cli.demo;

import io.cairndb.cli.FreePorts;
import io.cairndb.cli.LogSetup;
import io.cairndb.cli.TempDirectories;
import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A single-node cluster inside this JVM, on loopback, in a fresh temporary directory. Closing it (also
 * from a shutdown hook, so Ctrl-C during loading cleans up too) stops the node and deletes the directory.
 */
final class DemoNode implements AutoCloseable {
  private final Path dir;
  private final CairnNode node;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DemoNode(Path dir, CairnNode node) {
    this.dir = dir;
    this.node = node;
  }

  static DemoNode start() throws Exception {
    Path dir = TempDirectories.create("cairndb-demo-");
    // The node logs into the temp dir, never onto the terminal the shell is using.
    LogSetup.redirectToFile(logFile(dir));
    // sofa-bolt (jraft's RPC layer) writes its own log files under ${logging.path}, by default ~/logs.
    System.setProperty("logging.path", dir.resolve("logs").toString());
    NodeConfig config = new NodeConfig(dir.resolve("data"), "127.0.0.1", 0, FreePorts.pick(), 0, List.of(), 1);
    try {
      return new DemoNode(dir, CairnNode.start(config));
    } catch (Exception | Error e) {
      TempDirectories.deleteRecursively(dir);
      throw e;
    }
  }

  static Path logFile(Path dir) {
    return dir.resolve("cairndb.log");
  }

  Path dir() {
    return dir;
  }

  String jdbcUrl() {
    return node.jdbcUrl();
  }

  int port() {
    return node.port();
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        node.close();
      } finally {
        TempDirectories.deleteRecursively(dir);
      }
    }
  }
}
