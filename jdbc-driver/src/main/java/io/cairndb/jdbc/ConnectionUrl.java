package io.cairndb.jdbc;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.random.RandomGenerator;

/**
 * A parsed {@code jdbc:cairndb://host:port[,host:port…][/schema][?user=…&password=…&…]} URL merged with the
 * Properties given to {@code Driver.connect}. Properties win over URL parameters with the same name (that is what
 * {@code DriverManager.getConnection(url, user, password)} callers expect).
 *
 * <p>Properties the driver itself reads (every property is also passed to the server as a session property):
 * <ul>
 *   <li>{@code user}, {@code password}, {@code schema} (when the URL has no {@code /schema});</li>
 *   <li>{@code connectTimeout}: milliseconds for the TCP connect and handshake of one host, default 10000;</li>
 *   <li>{@code socketTimeout}: read timeout in milliseconds, default 0 (none);</li>
 *   <li>{@code loadBalanceHosts}: {@code true} starts at a random host of the list and then tries the others in
 *       list order (wrapping around); default {@code false}: always in list order;</li>
 *   <li>{@code reconnect}: after the connection to a host is lost, the next call connects again (same host
 *       order) when no transaction or result-set cursor depended on the lost connection; default {@code true}
 *       when the URL lists more than one host, {@code false} for a single host (the connection then stays dead,
 *       as before failover existed).</li>
 * </ul>
 *
 * @param hosts      the hosts to try, in order
 * @param schema     the initial schema, or null for the server's default
 * @param properties every property, URL parameters and Properties merged
 */
record ConnectionUrl(List<HostPort> hosts, String schema, Map<String, String> properties) {
    static final String PREFIX = "jdbc:cairndb://";
    static final int DEFAULT_PORT = 26257;
    static final int DEFAULT_CONNECT_TIMEOUT_MS = 10_000;

    /** One host and port. IPv6 literals are written in brackets: {@code [::1]:26257}. */
    record HostPort(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static boolean accepts(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    static ConnectionUrl parse(String url, Properties info) throws SQLException {
        if (!accepts(url)) {
            throw bad(url, "it must start with " + PREFIX);
        }
        String rest = url.substring(PREFIX.length());
        Map<String, String> props = new LinkedHashMap<>();
        int q = rest.indexOf('?');
        if (q >= 0) {
            parseQuery(url, rest.substring(q + 1), props);
            rest = rest.substring(0, q);
        }
        String schema = null;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            schema = decode(rest.substring(slash + 1));
            if (schema.isEmpty()) {
                schema = null;
            }
            rest = rest.substring(0, slash);
        }
        List<HostPort> hosts = new ArrayList<>();
        for (String part : rest.split(",", -1)) {
            hosts.add(parseHost(url, part.trim()));
        }
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                props.put(name, info.getProperty(name));
            }
        }
        if (props.containsKey("schema") && schema == null) {
            schema = props.get("schema");
        }
        return new ConnectionUrl(Collections.unmodifiableList(hosts), schema, Collections.unmodifiableMap(props));
    }

    private static HostPort parseHost(String url, String part) throws SQLException {
        if (part.isEmpty()) {
            throw bad(url, "empty host");
        }
        String host;
        String portText = null;
        if (part.startsWith("[")) {
            int close = part.indexOf(']');
            if (close < 0) {
                throw bad(url, "unclosed '[' in " + part);
            }
            host = part.substring(1, close);
            String after = part.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw bad(url, "unexpected text after ']' in " + part);
                }
                portText = after.substring(1);
            }
        } else {
            int colon = part.indexOf(':');
            host = colon < 0 ? part : part.substring(0, colon);
            portText = colon < 0 ? null : part.substring(colon + 1);
        }
        if (host.isEmpty()) {
            throw bad(url, "empty host in " + part);
        }
        int port = DEFAULT_PORT;
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw bad(url, "bad port '" + portText + "'");
            }
            if (port < 1 || port > 65535) {
                throw bad(url, "port " + port + " out of range");
            }
        }
        return new HostPort(host, port);
    }

    private static void parseQuery(String url, String query, Map<String, String> props) throws SQLException {
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            if (key.isEmpty()) {
                throw bad(url, "empty parameter name");
            }
            props.put(key, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static SQLException bad(String url, String why) {
        return JdbcErrors.error(JdbcErrors.CONNECT_FAILED, "bad CairnDB URL '" + url + "': " + why);
    }

    String user() {
        return properties.getOrDefault("user", "");
    }

    String password() {
        return properties.get("password");
    }

    /** Milliseconds to wait for the TCP connection and the handshake of one host. */
    int connectTimeoutMillis() throws SQLException {
        return intProperty("connectTimeout", DEFAULT_CONNECT_TIMEOUT_MS);
    }

    /** Socket read timeout in milliseconds, 0 (the default) for none: queries may run long. */
    int socketTimeoutMillis() throws SQLException {
        return intProperty("socketTimeout", 0);
    }

    /** Whether connecting starts at a random host instead of the first ({@code loadBalanceHosts}). */
    boolean loadBalanceHosts() throws SQLException {
        return booleanProperty("loadBalanceHosts", false);
    }

    /** Whether a lost connection is replaced by a new one on the next call ({@code reconnect}). */
    boolean reconnect() throws SQLException {
        return booleanProperty("reconnect", hosts.size() > 1);
    }

    /**
     * The hosts in the order one connection attempt tries them: the list order, or with {@code loadBalanceHosts}
     * the list rotated to start at a random host, so that the load spreads while failover stays ordered.
     */
    List<HostPort> connectOrder(RandomGenerator random) throws SQLException {
        if (!loadBalanceHosts() || hosts.size() < 2) {
            return hosts;
        }
        int start = random.nextInt(hosts.size());
        List<HostPort> order = new ArrayList<>(hosts.size());
        order.addAll(hosts.subList(start, hosts.size()));
        order.addAll(hosts.subList(0, start));
        return order;
    }

    boolean booleanProperty(String name, boolean defaultValue) throws SQLException {
        String v = properties.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw JdbcErrors.error(JdbcErrors.CONNECT_FAILED, "property " + name
                    + " must be true or false, not '" + v + "'");
        };
    }

    int intProperty(String name, int defaultValue) throws SQLException {
        String v = properties.get(name);
        if (v == null || v.isBlank()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(v.trim());
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw JdbcErrors.error(JdbcErrors.CONNECT_FAILED, "property " + name + " must be a non-negative"
                    + " integer, not '" + v + "'");
        }
    }
}
