/**
 * The {@code cairndb} command line: {@link io.cairndb.cli.Main} wires the sub-commands (start, sql, demo,
 * status, bench) together, picks where logs go before logging starts, and holds what the commands share
 * (connection options, free-port lookup, version).
 */
package io.cairndb.cli;
