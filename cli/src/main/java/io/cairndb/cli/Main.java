package io.cairndb.cli;

import io.cairndb.cli.bench.BenchCommand;
import io.cairndb.cli.demo.DemoCommand;
import io.cairndb.cli.node.NodeCommand;
import io.cairndb.cli.node.StartCommand;
import io.cairndb.cli.node.StatusCommand;
import io.cairndb.cli.shell.SqlCommand;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Entry point of {@code bin/cairndb}: parses the command line and runs one sub-command. */
@Command(
    name = "cairndb",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "CairnDB: a distributed SQL database.%nRun 'cairndb COMMAND --help' for a command's options.",
    subcommands = {
      StartCommand.class,
      SqlCommand.class,
      DemoCommand.class,
      StatusCommand.class,
      NodeCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Callable<Integer> {

  @Spec CommandSpec spec;

  public static void main(String[] args) {
    // Must happen before anything touches SLF4J: logback reads the property once, at start-up.
    LogSetup.beforeLoggingStarts(args);
    System.exit(commandLine().execute(args));
  }

  /** The fully wired command line; tests use it to parse arguments exactly as {@link #main} does. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::reportFailure);
    // every command has --version (from mixinStandardHelpOptions); all of them print the one product version
    cli.getSubcommands().values().forEach(sub -> sub.getCommandSpec().versionProvider(new VersionProvider()));
    return cli;
  }

  /** {@code cairndb} without a command prints the list of commands. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 0;
  }

  /** A failing command prints one line that names the problem, not a stack trace. */
  private static int reportFailure(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
    String message = e instanceof SQLException sql ? SqlErrorText.of(sql) : "ERROR: " + describe(e);
    cli.getErr().println(message);
    return 1;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      message = e.getClass().getSimpleName();
    }
    Throwable cause = e.getCause();
    return cause == null || cause == e ? message : message + " (caused by: " + describe(cause) + ")";
  }
}
