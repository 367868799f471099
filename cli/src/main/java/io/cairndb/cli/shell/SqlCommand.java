package io.cairndb.cli.shell;

import io.cairndb.cli.ConnectionOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code cairndb sql}: the SQL shell, or a script runner with -e/-f or piped input. */
@Command(
    name = "sql",
    header = "Open a SQL shell, or run SQL from -e, -f or stdin.",
    mixinStandardHelpOptions = true,
    description = {
      "Opens an interactive SQL shell (history in ~/.cairndb_history; statements end with ';';"
          + " \\d lists tables, \\d NAME describes one, \\q quits).",
      "With -e or -f, or when stdin is not a terminal, runs the statements, prints their results and exits;"
          + " it stops at the first error with exit status 1 and prints ERROR: <message> (SQLSTATE xxxxx)."
    })
public final class SqlCommand implements Callable<Integer> {
  @Mixin ConnectionOptions connection;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
      description = "Statements to run (repeatable; ';' separates several in one argument). Run before -f.")
  List<String> execute = new ArrayList<>();

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "A file of ';'-terminated statements to run.")
  Path file;

  @Override
  public Integer call() throws Exception {
    try (Connection session = connection.open()) {
      if (!execute.isEmpty() || file != null) {
        return SqlShell.runScripts(session, execute, file, System.out, System.err);
      }
      return SqlShell.runInteractiveOrStdin(session, System.out, System.err);
    }
  }
}
