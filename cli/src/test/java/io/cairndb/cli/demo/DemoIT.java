package io.cairndb.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.cli.CliRun;
import io.cairndb.cli.LogSetup;
import io.cairndb.cli.TempDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** `cairndb demo` end to end: three nodes, a URL listing them all, sample tables on three replicas, cleanup. */
class DemoIT {
  private static final Pattern URL_LINE = Pattern.compile("JDBC URL: (\\S+)");
  private static final Pattern THREE_HOSTS =
      Pattern.compile("jdbc:cairndb://127\\.0\\.0\\.1:(\\d+),127\\.0\\.0\\.1:(\\d+),127\\.0\\.0\\.1:(\\d+)");
  private static final Pattern DIR_LINE = Pattern.compile("Data and log: (.+) \\(deleted on exit");
  private static final Pattern THREE_REPLICAS = Pattern.compile("\\b\\d+,\\d+,\\d+\\b");
  private static final List<String> PROPERTIES =
      List.of(LogSetup.APPENDER_PROPERTY, LogSetup.FILE_PROPERTY, "logging.path");
  private final String[] saved = new String[PROPERTIES.size()];

  @BeforeEach
  void saveLogging() {
    for (int i = 0; i < saved.length; i++) {
      saved[i] = System.getProperty(PROPERTIES.get(i));
    }
  }

  /** The demo sends this JVM's log into its (deleted) temp dir; give it back to the other tests. */
  @AfterEach
  void restoreLogging() {
    for (int i = 0; i < saved.length; i++) {
      if (saved[i] == null) {
        System.clearProperty(PROPERTIES.get(i));
      } else {
        System.setProperty(PROPERTIES.get(i), saved[i]);
      }
    }
    LogSetup.reconfigure();
  }

  @Test
  void demoRunsThreeNodesReplicatesTheSampleTablesThriceAndCleansUp() {
    CliRun r = CliRun.withStdin("SELECT COUNT(*) AS customer_count FROM customers;\n"
        + "SELECT table_name, replicas FROM sys.ranges WHERE table_name IS NOT NULL;\n"
        + "SELECT node_id, is_live FROM sys.nodes;\n", "demo");
    String out = r.out();
    assertEquals(0, r.status(), out + r.err());

    assertTrue(out.contains("CairnDB demo: three nodes in this process, SQL ports "), out);
    Matcher url = URL_LINE.matcher(out);
    assertTrue(url.find(), out);
    Matcher hosts = THREE_HOSTS.matcher(url.group(1));
    assertTrue(hosts.matches(), "the URL must list the three nodes: " + url.group(1));
    assertEquals(3, List.of(hosts.group(1), hosts.group(2), hosts.group(3)).stream().distinct().count(), url.group(1));
    assertTrue(out.contains("SQL ports " + hosts.group(1) + ", " + hosts.group(2) + ", " + hosts.group(3)), out);
    assertFalse(out.contains("replicas after"), "the meta range should reach three replicas in time:\n" + out);

    assertTrue(out.contains(" " + DemoData.CUSTOMERS + "\n"), out);
    long sampleRanges = 0;
    for (String line : out.split("\n")) {
      String lower = line.toLowerCase(Locale.ROOT);
      if (lower.contains("customers") || lower.contains("products") || lower.contains("orders")
          || lower.contains("order_items")) {
        if (line.contains("|")) {
          sampleRanges++;
          assertTrue(THREE_REPLICAS.matcher(line).find(), "range without three replicas: " + line + "\n" + out);
        }
      }
    }
    assertTrue(sampleRanges >= 4, "expected the sample tables' ranges in:\n" + out);
    assertTrue(out.contains("(3 rows)"), out);

    Matcher dir = DIR_LINE.matcher(out);
    assertTrue(dir.find(), out);
    assertFalse(Files.exists(Path.of(dir.group(1))), "the demo's directory must be deleted: " + dir.group(1));
  }

  @Test
  void aNodeFailingToStartStopsTheOthersAndDeletesTheDirectory() throws Exception {
    Path dir = TempDirectories.create("cairndb-demo-it");
    Files.writeString(dir.resolve("node2"), "not a directory"); // node 2's data directory cannot be created
    assertThrows(RuntimeException.class, () -> DemoCluster.in(dir).start());
    assertFalse(Files.exists(dir));
  }
}
