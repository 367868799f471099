package io.cairndb.cli.shell;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;

/** Chooses how a session reads its input: scripts (-e/-f), piped stdin, or the interactive shell. */
public final class SqlShell {
  private SqlShell() {}

  /**
   * Runs the -e texts in order, then the file; stops at the first error.
   *
   * @return the process exit status: 0 on success, 1 after an error
   */
  public static int runScripts(Connection connection, List<String> texts, Path file, PrintStream out,
      PrintStream err) throws IOException {
    InputProcessor input = scriptInput(connection, out, err);
    for (String text : texts) {
      Outcome outcome = input.run(new StringReader(text));
      if (outcome != Outcome.CONTINUE) {
        return exitStatus(outcome);
      }
    }
    if (file != null) {
      try (var reader = Files.newBufferedReader(file)) {
        return exitStatus(input.run(reader));
      }
    }
    return 0;
  }

  /** The interactive shell on a terminal; otherwise reads statements from stdin like a script. */
  public static int runInteractiveOrStdin(Connection connection, PrintStream out, PrintStream err)
      throws IOException {
    if (System.console() != null) {
      InteractiveShell.run(new StatementExecutor(connection, out, err, true), out, err);
      return 0;
    }
    return exitStatus(scriptInput(connection, out, err).run(new InputStreamReader(System.in, Charset.defaultCharset())));
  }

  /** Scripts print results without timings and stop at the first error. */
  private static InputProcessor scriptInput(Connection connection, PrintStream out, PrintStream err) {
    return new InputProcessor(new StatementExecutor(connection, out, err, false), out, err, true);
  }

  private static int exitStatus(Outcome outcome) {
    return outcome == Outcome.FAILED ? 1 : 0;
  }
}
