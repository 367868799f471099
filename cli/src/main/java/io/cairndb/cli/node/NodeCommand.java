package io.cairndb.cli.node;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code cairndb node ...}: operations on one node of a running cluster. */
@Command(
    name = "node",
    header = "Operate on one node of a running cluster.",
    mixinStandardHelpOptions = true,
    subcommands = {DecommissionCommand.class})
public final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a node operation, e.g. 'node decommission 3'");
  }
}
