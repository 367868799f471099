package io.cairndb.cli.bench;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/** A one-line description of the machine and JVM, printed with every benchmark result. */
final class MachineInfo {
  private MachineInfo() {}

  static String describe() {
    int cores = Runtime.getRuntime().availableProcessors();
    String memory = "unknown memory";
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = String.format(Locale.ROOT, "%.1f GiB memory", os.getTotalMemorySize() / (1024.0 * 1024 * 1024));
    }
    return cores + " cores, " + memory + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version") + " (" + System.getProperty("os.arch")
        + "), " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
        + " (" + System.getProperty("java.vendor") + "), client max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
  }
}
