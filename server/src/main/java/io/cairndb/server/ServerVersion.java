package io.cairndb.server;

/** The server version reported in the handshake (and so by DatabaseMetaData.getDatabaseProductVersion). */
public final class ServerVersion {
    /** From the jar manifest when packaged; the build's version otherwise. */
    public static final String VERSION = version();

    private ServerVersion() {
    }

    private static String version() {
        String v = ServerVersion.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}
