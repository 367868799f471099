/**
 * The CairnDB JDBC driver ({@link io.cairndb.jdbc.Driver}, URL {@code jdbc:cairndb://host:port[,…][/schema]}).
 * One blocking socket per connection ({@code WireChannel}); statements page query results with FETCH; metadata
 * comes from the server's METADATA answers. With several hosts in the URL, a lost connection is replaced on the next
 * call when no transaction or cursor went with it ({@code FailoverChannel}; the README's "Failover" section has the
 * rules). The wire protocol classes are shaded into the driver jar under
 * {@code io.cairndb.jdbc.shaded.protocol}; nothing outside the JDK is needed at run time.
 */
package io.cairndb.jdbc;
