package io.cairndb.server.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A node in a separate JVM, so that a test can kill it with SIGKILL and start it again on the same data. */
final class NodeProcess implements AutoCloseable {
    private final Process process;
    private final String url;

    private NodeProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static NodeProcess start(Path dataDir, int raftPort, Path log) throws IOException {
        return start(dataDir, raftPort, "-", 1, log);
    }

    /** A cluster member: {@code join} = host:raftPort of existing members, or "-" to bootstrap. */
    static NodeProcess start(Path dataDir, int raftPort, String join, int replicationFactor, Path log)
            throws IOException {
        return start(dataDir, raftPort, join, replicationFactor, log, List.of());
    }

    /** A cluster member started with extra JVM options (a crash test's {@code -Dcairndb.crashAt=...}). */
    static NodeProcess start(Path dataDir, int raftPort, String join, int replicationFactor, Path log,
                             List<String> jvmOptions) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-Xmx512m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NodeProcessMain.class.getName(),
                dataDir.toString(), String.valueOf(raftPort), join, String.valueOf(replicationFactor)));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.redirectErrorStream(false);
        builder.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process process = builder.start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("CAIRNDB_URL=")) {
                String url = line.substring("CAIRNDB_URL=".length());
                Thread drain = new Thread(() -> drain(out), "node-stdout");
                drain.setDaemon(true);
                drain.start();
                return new NodeProcess(process, url);
            }
        }
        throw new IOException("node process exited before it was ready (exit " + waitExit(process) + "), see " + log);
    }

    private static void drain(BufferedReader out) {
        try {
            while (out.readLine() != null) {
                // keep the pipe from filling up
            }
        } catch (IOException ignored) {
            // the process is gone
        }
    }

    private static int waitExit(Process process) {
        try {
            return process.waitFor(30, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    String url() {
        return url;
    }

    /** Waits for the process to end by itself (a crash point halting it); its exit status, or -1. */
    int awaitExit(long timeoutMs) throws InterruptedException {
        return process.waitFor(timeoutMs, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
    }

    /** SIGKILL: no shutdown hook, no flush, no goodbye. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }
}
