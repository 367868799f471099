package io.cairndb.server.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

/**
 * A cluster of node processes on loopback, replication factor 3: node 1 bootstraps, the others join it; a node
 * can be killed (SIGKILL), stopped, and started again on its data directory (with extra JVM options, such as a
 * crash point). Node id k is {@code node(k - 1)}: ids follow the start order. Started once the meta range has a
 * replica on every node; {@link #close} stops every process and deletes the directories.
 */
final class ProcessCluster implements AutoCloseable {
    private final Path dir;
    private final int[] raftPorts;
    private final String join;
    private final List<NodeProcess> nodes = new ArrayList<>();

    private ProcessCluster(Path dir, int size) throws Exception {
        this.dir = dir;
        this.raftPorts = new int[size];
        for (int i = 0; i < size; i++) {
            raftPorts[i] = TestNode.freePort();
        }
        this.join = "127.0.0.1:" + raftPorts[0];
    }

    static ProcessCluster start(String name, int size) throws Exception {
        ProcessCluster cluster = new ProcessCluster(Files.createTempDirectory("cairndb-" + name), size);
        try {
            for (int i = 0; i < size; i++) {
                cluster.nodes.add(cluster.launch(i, List.of()));
            }
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= size; i++) {
                all.append(i == 1 ? "" : ",").append(i);
            }
            try (Connection c = DriverManager.getConnection(cluster.node(0).url())) {
                Sql.awaitValue(c, "SELECT replicas FROM sys.ranges WHERE range_id = 1", all.toString(), 60_000);
            }
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private NodeProcess launch(int i, List<String> jvmOptions) throws Exception {
        return NodeProcess.start(dir.resolve("n" + i), raftPorts[i], i == 0 ? "-" : join, 3,
                dir.resolve("n" + i + ".log"), jvmOptions);
    }

    NodeProcess node(int index) {
        return nodes.get(index);
    }

    /** Starts node {@code index} again on its data (it rejoins through node 1), stopping it first if it runs. */
    NodeProcess restart(int index, List<String> jvmOptions) throws Exception {
        nodes.get(index).close();
        NodeProcess again = NodeProcess.start(dir.resolve("n" + index), raftPorts[index], join, 3,
                dir.resolve("n" + index + ".log"), jvmOptions);
        nodes.set(index, again);
        return again;
    }

    /** "jdbc:cairndb://h1:p1,h2:p2,.../?loadBalanceHosts=true" over the nodes as they run now. */
    String multiHostUrl() {
        List<String> hosts = new ArrayList<>();
        for (NodeProcess n : nodes) {
            String rest = n.url().substring("jdbc:cairndb://".length());
            int end = rest.indexOf('/');
            hosts.add(end < 0 ? rest : rest.substring(0, end));
        }
        return "jdbc:cairndb://" + String.join(",", hosts) + "/?loadBalanceHosts=true";
    }

    @Override
    public void close() throws InterruptedException {
        for (NodeProcess n : nodes) {
            n.close();
        }
        if (Boolean.getBoolean("cairndb.it.keep")) { // -Dcairndb.it.keep=true: the nodes' data and logs stay
            System.out.println("kept " + dir);
        } else {
            TestNode.deleteRecursively(dir);
        }
    }
}
