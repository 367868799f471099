package io.cairndb.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version Maven wrote into the CLI jar's manifest, so there is no second place to update it. */
public final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "CairnDB " + (version == null ? "(development build)" : version),
      "JVM: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.version")
    };
  }
}
