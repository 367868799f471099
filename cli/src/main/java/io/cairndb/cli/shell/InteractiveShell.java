package io.cairndb.cli.shell;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** The interactive front end: JLine line editing, history in ~/.cairndb_history, prompts, Ctrl-C/Ctrl-D. */
public final class InteractiveShell {
  static final String PROMPT = "cairndb> ";
  static final String CONTINUATION_PROMPT = "      -> ";

  private InteractiveShell() {}

  public static Path historyFile() {
    return Path.of(System.getProperty("user.home"), ".cairndb_history");
  }

  /** Runs until the user quits; statement errors are reported and the shell goes on. */
  public static void run(StatementExecutor executor, PrintStream out, PrintStream err) throws IOException {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      // No escape characters and no '!' history expansion: backslash commands and SQL text arrive verbatim.
      DefaultParser parser = new DefaultParser();
      parser.setEscapeChars(new char[0]);
      LineReader reader = LineReaderBuilder.builder()
          .appName("cairndb")
          .terminal(terminal)
          .parser(parser)
          .variable(LineReader.HISTORY_FILE, historyFile())
          .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
          .build();
      InputProcessor input = new InputProcessor(executor, out, err, false);
      out.println("Type \\? for help, \\q to quit. Statements end with ';'.");
      try {
        while (true) {
          String line;
          try {
            line = reader.readLine(input.inStatement() ? CONTINUATION_PROMPT : PROMPT);
          } catch (UserInterruptException e) {
            input.discardPending();
            continue;
          } catch (EndOfFileException e) {
            break;
          }
          if (input.acceptLine(line) == Outcome.QUIT) {
            break;
          }
        }
      } finally {
        reader.getHistory().save();
      }
    }
  }
}
