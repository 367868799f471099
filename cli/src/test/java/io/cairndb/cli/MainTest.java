package io.cairndb.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void helpListsEveryCommand() {
    assertEquals(0, run("--help"));
    for (String command : new String[] {"start", "sql", "demo", "status", "bench"}) {
      assertTrue(out.toString().contains("  " + command + " "), command + " missing from:\n" + out);
    }
  }

  @Test
  void noCommandPrintsTheSameUsage() {
    assertEquals(0, run());
    assertTrue(out.toString().contains("Commands:"), out.toString());
  }

  @Test
  void versionNamesTheProduct() {
    assertEquals(0, run("--version"));
    assertTrue(out.toString().startsWith("CairnDB "), out.toString());
  }

  @Test
  void everyCommandPrintsTheSameVersion() {
    assertEquals(0, run("sql", "--version"));
    assertTrue(out.toString().startsWith("CairnDB "), out.toString());
  }

  @Test
  void unknownCommandIsAUsageError() {
    assertEquals(2, run("frobnicate"));
    assertTrue(err.toString().contains("frobnicate"), err.toString());
  }

  @Test
  void startLogsToStdoutAndClientCommandsStayQuiet() {
    String saved = System.getProperty(LogSetup.APPENDER_PROPERTY);
    try {
      System.clearProperty(LogSetup.APPENDER_PROPERTY);
      LogSetup.beforeLoggingStarts(new String[] {"start", "--port", "1"});
      assertEquals("STDOUT", System.getProperty(LogSetup.APPENDER_PROPERTY));
      assertEquals("ERROR", System.getProperty(LogSetup.SOFA_CONSOLE_LEVEL_PROPERTY));
      System.clearProperty(LogSetup.APPENDER_PROPERTY);
      LogSetup.beforeLoggingStarts(new String[] {"sql", "-e", "SELECT 1"});
      assertEquals("QUIET", System.getProperty(LogSetup.APPENDER_PROPERTY));
      LogSetup.beforeLoggingStarts(new String[] {"start"}); // an explicit choice is kept
      assertEquals("QUIET", System.getProperty(LogSetup.APPENDER_PROPERTY));
    } finally {
      if (saved == null) {
        System.clearProperty(LogSetup.APPENDER_PROPERTY);
      } else {
        System.setProperty(LogSetup.APPENDER_PROPERTY, saved);
      }
    }
  }
}
