package io.cairndb.server.it;

import io.cairndb.server.CairnNode;
import io.cairndb.server.NodeConfig;
import java.nio.file.Path;
import java.util.List;

/** Runs one node in its own JVM for crash tests: args = dataDir raftPort; prints its JDBC URL when ready. */
public final class NodeProcessMain {
    private NodeProcessMain() {
    }

    public static void main(String[] args) {
        CairnNode node = CairnNode.start(new NodeConfig(Path.of(args[0]), "127.0.0.1", 0, Integer.parseInt(args[1]), 0,
                List.of(), 1));
        System.out.println("CAIRNDB_URL=" + node.jdbcUrl());
        System.out.flush();
        node.awaitShutdown();
    }
}
