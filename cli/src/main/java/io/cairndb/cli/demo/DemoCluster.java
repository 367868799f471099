package io.cairndb.cli.demo;

import io.cairndb.cli.FreePorts;
import io.cairndb.cli.LogSetup;
import io.cairndb.cli.TempDirectories;
import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A three-node cluster inside this JVM, on loopback with free ports, in one fresh temporary directory (one data
 * directory per node under it). Node 1 bootstraps the cluster, nodes 2 and 3 join it through node 1's Raft
 * address; the replication factor is three. Closing it (also from a shutdown hook, so Ctrl-C while starting or
 * loading cleans up too) stops the nodes in reverse order and deletes the directory.
 */
final class DemoCluster implements AutoCloseable {
  static final int NODES = 3;
  static final String HOST = "127.0.0.1";
  /** The meta range's id: the first range of every cluster. */
  static final long META_RANGE_ID = 1;
  static final String META_REPLICAS_QUERY =
      "SELECT range_id, replicas FROM sys.ranges WHERE range_id = " + META_RANGE_ID;
  private static final long POLL_MILLIS = 200;

  private final Path dir;
  /** The nodes started so far, in start order; guarded by {@code this}. */
  private final List<CairnNode> nodes = new ArrayList<>();
  /** Guarded by {@code this}. */
  private boolean closed;

  private DemoCluster(Path dir) {
    this.dir = dir;
  }

  /**
   * Creates the temporary directory and sends this process's log into it; {@link #start} starts the nodes.
   * Register {@link #close} as a shutdown hook in between, so that Ctrl-C while starting cleans up too.
   */
  static DemoCluster create() {
    Path dir = TempDirectories.create("cairndb-demo-");
    // The nodes log into the temp dir, never onto the terminal the shell is using.
    LogSetup.redirectToFile(logFile(dir));
    // sofa-bolt (jraft's RPC layer) writes its own log files under ${logging.path}, by default ~/logs.
    System.setProperty("logging.path", dir.resolve("logs").toString());
    return new DemoCluster(dir);
  }

  /** A cluster whose nodes will keep their data in {@code dir/node1..3}; {@code dir} is deleted on close. */
  static DemoCluster in(Path dir) {
    return new DemoCluster(dir);
  }

  /**
   * Starts the three nodes, one after the other. If one fails to start, or the cluster is closed meanwhile,
   * the nodes already running are stopped, the directory is deleted and the failure is thrown. Each node
   * starts under this object's lock, so a {@link #close} from a shutdown hook waits for that node and then
   * stops it with the others instead of leaving it behind.
   */
  void start() {
    try {
      List<String> join = List.of();
      for (int i = 1; i <= NODES; i++) {
        synchronized (this) {
          if (closed) {
            throw new IllegalStateException("the demo cluster was stopped while starting");
          }
          // pick each Raft port just before its node binds it, so that two nodes cannot get the same one
          int raftPort = FreePorts.pick();
          nodes.add(CairnNode.start(new NodeConfig(dir.resolve("node" + i), HOST, 0, raftPort, 0, join, NODES)));
          if (join.isEmpty()) {
            join = List.of(HOST + ":" + raftPort);
          }
        }
      }
    } catch (RuntimeException | Error e) {
      try {
        close();
      } catch (RuntimeException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  static Path logFile(Path dir) {
    return dir.resolve("cairndb.log");
  }

  Path dir() {
    return dir;
  }

  /** The SQL port of each node, in start order. */
  synchronized List<Integer> ports() {
    return nodes.stream().map(CairnNode::port).toList();
  }

  /** A URL that lists every node, so the driver fails over to the next one when a node is gone. */
  String jdbcUrl() {
    StringJoiner hosts = new StringJoiner(",", "jdbc:cairndb://", "");
    for (int port : ports()) {
      hosts.add(HOST + ":" + port);
    }
    return hosts.toString();
  }

  /**
   * Waits until sys.ranges shows the meta range on all {@value #NODES} nodes, at most {@code timeout}: tables
   * created before that would get fewer replicas (they up-replicate later, but the demo should show three
   * from the start). Errors of the query while the cluster settles count as "not yet". Returns the meta
   * range's replica count last seen (0 if never seen).
   */
  static int awaitMetaReplicas(Connection session, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int replicas = 0;
    while (true) {
      try {
        replicas = metaReplicas(session);
      } catch (SQLException settling) {
        // e.g. the meta range is electing a leader after a membership change; ask again
      }
      if (replicas >= NODES || System.nanoTime() - deadline >= 0) {
        return replicas;
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /** The number of replicas sys.ranges lists for the meta range. */
  static int metaReplicas(Connection session) throws SQLException {
    try (Statement statement = session.createStatement();
        ResultSet rows = statement.executeQuery(META_REPLICAS_QUERY)) {
      int count = 0;
      while (rows.next()) {
        if (rows.getLong("range_id") == META_RANGE_ID) {
          count = replicaCount(rows.getString("replicas"));
        }
      }
      return count;
    }
  }

  /** sys.ranges lists a range's replicas as comma-separated node ids, e.g. "1,2,3". */
  static int replicaCount(String replicas) {
    if (replicas == null || replicas.isBlank()) {
      return 0;
    }
    return replicas.split(",").length;
  }

  /** Stops the nodes in reverse order and deletes the directory; idempotent, safe from a shutdown hook. */
  @Override
  public void close() {
    List<CairnNode> started;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      started = List.copyOf(nodes);
    }
    try {
      stopInReverse(started);
    } finally {
      TempDirectories.deleteRecursively(dir);
    }
  }

  /** Stops the nodes last-started first; every node is stopped even if stopping another one fails. */
  private static void stopInReverse(List<CairnNode> nodes) {
    RuntimeException failure = null;
    for (int i = nodes.size() - 1; i >= 0; i--) {
      try {
        nodes.get(i).close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
