package io.cairndb.cli.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;

/**
 * Turns lines of input into statements and shell commands, the same way for the interactive shell, -e, -f
 * and piped stdin. A line that starts with a backslash (or is quit/exit) is a shell command when no
 * statement is in progress; everything else collects until an unquoted, uncommented {@code ;}.
 */
public final class InputProcessor {
  private final StatementExecutor executor;
  private final MetaCommands commands;
  private final boolean stopOnError;
  private final StringBuilder pending = new StringBuilder();

  /** @param stopOnError scripts stop at the first failure; the interactive shell reports it and goes on */
  public InputProcessor(StatementExecutor executor, PrintStream out, PrintStream err, boolean stopOnError) {
    this.executor = executor;
    this.commands = new MetaCommands(executor, out, err);
    this.stopOnError = stopOnError;
  }

  /** Processes one line (without its line break). */
  public Outcome acceptLine(String line) {
    if (pending.length() == 0 && MetaCommands.isCommand(line.strip())) {
      return afterFailure(commands.run(line));
    }
    pending.append(line).append('\n');
    StatementSplitter.Result split = StatementSplitter.split(pending.toString());
    pending.setLength(0);
    if (!split.remainderIsBlank()) {
      pending.append(split.remainder());
    }
    for (String sql : split.statements()) {
      if (!executor.execute(sql) && stopOnError) {
        pending.setLength(0);
        return Outcome.FAILED;
      }
    }
    return Outcome.CONTINUE;
  }

  /** End of input: a last statement without its {@code ;} still runs. */
  public Outcome finish() {
    String rest = StatementSplitter.stripLeadingComments(pending.toString());
    pending.setLength(0);
    if (rest.isEmpty()) {
      return Outcome.CONTINUE;
    }
    return executor.execute(rest) ? Outcome.CONTINUE : Outcome.FAILED;
  }

  /** True while a statement has been started but not ended (the shell shows a continuation prompt). */
  public boolean inStatement() {
    return pending.length() > 0;
  }

  /** Drops a half-typed statement (Ctrl-C in the shell). */
  public void discardPending() {
    pending.setLength(0);
  }

  /** Reads a whole script; stops at quit or, when stopping on errors, at the first failure. */
  public Outcome run(Reader script) throws IOException {
    BufferedReader lines = script instanceof BufferedReader b ? b : new BufferedReader(script);
    String line;
    while ((line = lines.readLine()) != null) {
      Outcome outcome = acceptLine(line);
      if (outcome != Outcome.CONTINUE) {
        return outcome;
      }
    }
    return finish();
  }

  private Outcome afterFailure(Outcome outcome) {
    return outcome == Outcome.FAILED && !stopOnError ? Outcome.CONTINUE : outcome;
  }
}
