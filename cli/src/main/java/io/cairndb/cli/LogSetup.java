package io.cairndb.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Decides where logs go. logback.xml sends the root logger to the appender named by the system property
 * {@value #APPENDER_PROPERTY}: a server ({@code start}) logs INFO to stdout; the client commands must not
 * spam the terminal, so they log only warnings to stderr; the demo writes to a file in its temp directory.
 */
public final class LogSetup {
  public static final String APPENDER_PROPERTY = "cairndb.log.appender";
  public static final String FILE_PROPERTY = "cairndb.log.file";
  /**
   * sofa-common-tools (under jraft's RPC layer, bolt) prints warnings about its own logging set-up straight
   * to System.err, bypassing SLF4J; they say nothing about CairnDB, so only its errors are let through.
   */
  static final String SOFA_CONSOLE_LEVEL_PROPERTY = "sofa.middleware.log.internal.level";

  private LogSetup() {}

  /** Called first thing in main, before logback initialises; explicit -D settings win. */
  static void beforeLoggingStarts(String[] args) {
    if (System.getProperty(SOFA_CONSOLE_LEVEL_PROPERTY) == null) {
      System.setProperty(SOFA_CONSOLE_LEVEL_PROPERTY, "ERROR");
    }
    if (System.getProperty(APPENDER_PROPERTY) == null) {
      boolean server = args.length > 0 && args[0].equals("start");
      System.setProperty(APPENDER_PROPERTY, server ? "STDOUT" : "QUIET");
    }
    routeJavaUtilLogging();
  }

  /**
   * Sends java.util.logging records through SLF4J to logback, instead of JUL's own console handler on
   * System.err: hessian, which serialises jraft's RPC messages between nodes, warns there about JDK fields it
   * cannot open, which would land in the middle of the demo's shell.
   */
  static void routeJavaUtilLogging() {
    if (!SLF4JBridgeHandler.isInstalled()) {
      SLF4JBridgeHandler.removeHandlersForRootLogger();
      SLF4JBridgeHandler.install();
    }
  }

  /** Re-reads logback.xml with the root logger writing everything to {@code file}. */
  public static void redirectToFile(Path file) {
    System.setProperty(APPENDER_PROPERTY, "FILE");
    System.setProperty(FILE_PROPERTY, file.toAbsolutePath().toString());
    reconfigure();
  }

  /**
   * Re-reads logback.xml with the current values of {@value #APPENDER_PROPERTY} and {@value #FILE_PROPERTY}
   * (tests use it to undo {@link #redirectToFile}).
   */
  public static void reconfigure() {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return; // another SLF4J backend is in charge; leave it alone
    }
    URL config = LogSetup.class.getResource("/logback.xml");
    if (config == null) {
      return;
    }
    context.reset();
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    try {
      configurator.doConfigure(config);
    } catch (JoranException e) {
      throw new IllegalStateException("cannot configure logging from " + config, e);
    }
  }
}
