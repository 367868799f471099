package io.cairndb.cli.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.cli.Main;
import io.cairndb.server.NodeConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class StartCommandTest {

  private static StartCommand parse(String... args) {
    CommandLine.ParseResult parsed = Main.commandLine().parseArgs(args);
    return (StartCommand) parsed.subcommand().commandSpec().userObject();
  }

  @Test
  void defaultsDescribeASingleLocalNode() {
    NodeConfig config = parse("start").toNodeConfig();
    assertEquals(new NodeConfig(Path.of("cairndb-data"), "127.0.0.1", 26257, 26258, 8080, List.of(), 3), config);
  }

  @Test
  void everyFlagReachesTheNodeConfig() {
    NodeConfig config = parse("start", "--data-dir", "/var/lib/cairn", "--host", "10.0.0.5", "--port", "5432",
        "--raft-port", "5433", "--http-port", "0", "--join", "10.0.0.1:26258,10.0.0.2:26258",
        "--join", "10.0.0.3:26258", "--replication-factor", "5").toNodeConfig();
    assertEquals(new NodeConfig(Path.of("/var/lib/cairn"), "10.0.0.5", 5432, 5433, 0,
        List.of("10.0.0.1:26258", "10.0.0.2:26258", "10.0.0.3:26258"), 5), config);
  }

  @Test
  void nonNumericPortIsRejected() {
    assertThrows(CommandLine.ParameterException.class, () -> parse("start", "--port", "http"));
  }

  @Test
  void helpExplainsEveryFlagAndHowNodesJoin() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    assertEquals(0, cli.execute("start", "--help"));
    String help = out.toString();
    for (String flag : List.of("--data-dir", "--host", "--port", "--raft-port", "--http-port", "--join",
        "--replication-factor")) {
      assertTrue(help.contains(flag), flag + " missing from:\n" + help);
    }
    assertTrue(help.contains("Default: 26257"), help);
    assertTrue(help.contains("--join HOST:RAFTPORT[,...]"), help);
    assertTrue(help.contains("keeps its identity"), help);
    assertTrue(help.contains("up-replicate"), help);
    assertFalse(help.contains("milestone"), help);
  }
}
