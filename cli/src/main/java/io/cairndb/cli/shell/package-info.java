/**
 * The SQL shell ({@code cairndb sql}): splitting input into statements, running them through the JDBC
 * driver, printing results as aligned tables, the backslash commands, and the interactive JLine front end.
 */
package io.cairndb.cli.shell;
