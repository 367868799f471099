package io.cairndb.cli.node;

import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cairndb start}: runs one node in the foreground until Ctrl-C or SIGTERM. */
@Command(
    name = "start",
    header = "Run a CairnDB node in the foreground.",
    mixinStandardHelpOptions = true,
    description = {
      "Runs a CairnDB node in the foreground, logging to stdout. Ctrl-C or SIGTERM stops it cleanly.",
      "A node started with an empty --data-dir and without --join bootstraps a new cluster and becomes its"
          + " node 1. A node started with an empty --data-dir and --join HOST:RAFTPORT[,...] joins the cluster"
          + " through any of the listed existing nodes (tried in turn) and is given its node id"
          + " by the cluster.",
      "The node's identity (cluster and node id) is kept in --data-dir: restarted on the same directory, a"
          + " node rejoins as the same node with the replicas it held, and --join then only helps it find the"
          + " cluster.",
      "Each range is replicated on --replication-factor nodes. With fewer live nodes than that, ranges use"
          + " the nodes there are and up-replicate when more nodes join."
    })
public final class StartCommand implements Callable<Integer> {
  /** The design's default: each range on three nodes. */
  public static final int DEFAULT_REPLICATION_FACTOR = 3;

  @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "cairndb-data",
      description = "Directory for this node's RocksDB store and Raft logs; created if missing, reused on"
          + " restart. Default: ${DEFAULT-VALUE}")
  Path dataDir;

  @Option(names = "--host", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address this node listens on and tells clients and other nodes to use. For a cluster"
          + " across machines use an address the other machines can reach. Default: ${DEFAULT-VALUE}")
  String host;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + NodeConfig.DEFAULT_PORT,
      description = "SQL port for JDBC clients (0 picks a free port). Default: ${DEFAULT-VALUE}")
  int port;

  @Option(names = "--raft-port", paramLabel = "PORT", defaultValue = "" + NodeConfig.DEFAULT_RAFT_PORT,
      description = "Port for Raft replication traffic between nodes. Default: ${DEFAULT-VALUE}")
  int raftPort;

  @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "" + NodeConfig.DEFAULT_HTTP_PORT,
      description = "Port for the HTTP health and metrics endpoints; 0 turns HTTP off. Default: ${DEFAULT-VALUE}")
  int httpPort;

  @Option(names = "--join", paramLabel = "HOST:RAFTPORT", split = ",",
      description = "Existing nodes of the cluster to join, by host and Raft port (comma-separated or"
          + " repeated); they are tried in turn. Omit it on the first node, which bootstraps the cluster. A node"
          + " restarted on its --data-dir keeps its identity; --join then only helps it find the cluster.")
  List<String> join = new ArrayList<>();

  @Option(names = "--replication-factor", paramLabel = "N", defaultValue = "" + DEFAULT_REPLICATION_FACTOR,
      description = "Number of replicas of each range, each on a different node. With fewer live nodes,"
          + " ranges use the nodes there are and up-replicate as nodes join. Give every node of a cluster the"
          + " same value; use 1 for a single-node deployment. Default: ${DEFAULT-VALUE}")
  int replicationFactor;

  @Option(names = "--range-max-bytes", paramLabel = "BYTES", defaultValue = "67108864",
      description = "A range whose data grows past this size splits in two at its middle key (ranges can also"
          + " be split by hand: ALTER TABLE t SPLIT AT VALUES (...)). Default: ${DEFAULT-VALUE} (64 MiB)")
  long rangeMaxBytes;

  /** The node configuration these flags describe. */
  public NodeConfig toNodeConfig() {
    return new NodeConfig(dataDir, host, port, raftPort, httpPort, join, replicationFactor, rangeMaxBytes);
  }

  @Override
  public Integer call() {
    Logger log = LoggerFactory.getLogger(StartCommand.class);
    CairnNode node = CairnNode.start(toNodeConfig());
    // Ctrl-C and SIGTERM run shutdown hooks; the node's own hook closes RocksDB and Raft cleanly.
    node.installShutdownHook();
    log.info("CairnDB node ready; connect with bin/cairndb sql --url {}", node.jdbcUrl());
    node.awaitShutdown();
    return 0;
  }
}
