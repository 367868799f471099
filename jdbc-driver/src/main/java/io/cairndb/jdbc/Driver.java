package io.cairndb.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The CairnDB JDBC driver: {@code jdbc:cairndb://host:port[,host:port…][/schema][?user=…&password=…&…]}.
 * Registered through {@code META-INF/services/java.sql.Driver} and on class load.
 *
 * <p>Properties: {@code user}, {@code password}, {@code schema}, {@code connectTimeout} (ms per host, default
 * 10000), {@code socketTimeout} (ms, default 0 = none), {@code loadBalanceHosts} (start at a random host,
 * default false), {@code reconnect} (connect again after a lost connection, default true with several hosts);
 * others are passed to the server as session properties. {@link ConnectionUrl} explains each.
 */
public final class Driver implements java.sql.Driver {
    public static final int MAJOR_VERSION = 0;
    public static final int MINOR_VERSION = 1;
    public static final String VERSION = MAJOR_VERSION + "." + MINOR_VERSION + ".0";
    public static final String NAME = "CairnDB JDBC Driver";

    static {
        try {
            DriverManager.registerDriver(new Driver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null; // JDBC: another driver's URL
        }
        ConnectionUrl parsed = ConnectionUrl.parse(url, info);
        return new CairnConnection(FailoverChannel.open(parsed), parsed);
    }

    @Override
    public boolean acceptsURL(String url) {
        return ConnectionUrl.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        Properties p = info == null ? new Properties() : info;
        DriverPropertyInfo user = new DriverPropertyInfo("user", p.getProperty("user"));
        user.description = "user name";
        DriverPropertyInfo password = new DriverPropertyInfo("password", p.getProperty("password"));
        password.description = "password";
        DriverPropertyInfo schema = new DriverPropertyInfo("schema", p.getProperty("schema"));
        schema.description = "initial schema (default PUBLIC)";
        DriverPropertyInfo connectTimeout = new DriverPropertyInfo("connectTimeout",
                p.getProperty("connectTimeout", String.valueOf(ConnectionUrl.DEFAULT_CONNECT_TIMEOUT_MS)));
        connectTimeout.description = "milliseconds to connect to one host before trying the next";
        DriverPropertyInfo socketTimeout = new DriverPropertyInfo("socketTimeout",
                p.getProperty("socketTimeout", "0"));
        socketTimeout.description = "socket read timeout in milliseconds, 0 for none";
        DriverPropertyInfo loadBalance = new DriverPropertyInfo("loadBalanceHosts",
                p.getProperty("loadBalanceHosts", "false"));
        loadBalance.description = "true: start at a random host of the URL, then try the others in order";
        loadBalance.choices = new String[] {"true", "false"};
        DriverPropertyInfo reconnect = new DriverPropertyInfo("reconnect", p.getProperty("reconnect"));
        reconnect.description = "connect again (to the URL's hosts) on the next call after a lost connection, when"
                + " no transaction or cursor was lost with it; default true when the URL lists several hosts";
        reconnect.choices = new String[] {"true", "false"};
        return new DriverPropertyInfo[] {user, password, schema, connectTimeout, socketTimeout, loadBalance,
                reconnect};
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** Not yet certified against the JDBC compliance suite. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("java.util.logging is not used");
    }
}
