package io.cairndb.cli.bench;

import io.cairndb.cli.ConnectionOptions;
import io.cairndb.cli.FreePorts;
import io.cairndb.cli.Main;
import io.cairndb.cli.TempDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A node the benchmark starts for itself: {@code cairndb start} in a separate JVM, from this JVM's classpath,
 * in a temporary directory, so that client and server do not share a heap or a garbage collector. Its
 * output goes to server.log in that directory. Closing it sends SIGTERM and deletes the directory.
 */
final class ChildNode implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path dir;
  private final Process process;
  private final String jdbcUrl;

  private ChildNode(Path dir, Process process, String jdbcUrl) {
    this.dir = dir;
    this.process = process;
    this.jdbcUrl = jdbcUrl;
  }

  static ChildNode start() throws IOException, InterruptedException {
    Path dir = TempDirectories.create("cairndb-bench-");
    int port = FreePorts.pick();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String javaOptions = System.getenv("CAIRNDB_JAVA_OPTS");
    if (javaOptions != null && !javaOptions.isBlank()) {
      command.addAll(List.of(javaOptions.trim().split("\\s+")));
    }
    command.addAll(List.of(
        "-Dlogging.path=" + dir.resolve("logs"),
        "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "start",
        "--data-dir", dir.resolve("data").toString(),
        "--host", "127.0.0.1",
        "--port", Integer.toString(port),
        "--raft-port", Integer.toString(FreePorts.pick()),
        "--http-port", "0",
        "--replication-factor", "1"));
    Process process = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("server.log").toFile())
        .start();
    ChildNode node = new ChildNode(dir, process, "jdbc:cairndb://127.0.0.1:" + port);
    try {
      node.awaitReady();
      return node;
    } catch (IOException | InterruptedException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  String jdbcUrl() {
    return jdbcUrl;
  }

  /** Polls with a real JDBC connection: the node is ready when a client can connect. */
  private void awaitReady() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    SQLException last = null;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the benchmark's node exited with status " + process.exitValue()
            + "; its output:\n" + tailOfLog());
      }
      try (Connection probe = ConnectionOptions.open(jdbcUrl, null, null)) {
        return;
      } catch (SQLException e) {
        last = e;
        Thread.sleep(250);
      }
    }
    throw new IOException("the benchmark's node did not accept connections within " + START_TIMEOUT
        + " (" + (last == null ? "" : last.getMessage()) + "); its output:\n" + tailOfLog());
  }

  private String tailOfLog() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("server.log"));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    process.destroy(); // SIGTERM: the node's shutdown hook closes it cleanly
    try {
      if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    TempDirectories.deleteRecursively(dir);
  }
}
