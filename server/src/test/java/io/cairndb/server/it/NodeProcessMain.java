package io.cairndb.server.it;

import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs one node in its own JVM for crash tests: args = dataDir raftPort [join-addresses|- [replication-factor]];
 * prints its JDBC URL when ready.
 */
public final class NodeProcessMain {
    private NodeProcessMain() {
    }

    public static void main(String[] args) {
        List<String> join = args.length > 2 && !args[2].equals("-") ? List.of(args[2].split(",")) : List.of();
        int replicationFactor = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        CairnNode node = CairnNode.start(new NodeConfig(Path.of(args[0]), "127.0.0.1", 0, Integer.parseInt(args[1]), 0,
                join, replicationFactor));
        System.out.println("CAIRNDB_URL=" + node.jdbcUrl());
        System.out.flush();
        node.awaitShutdown();
    }
}
