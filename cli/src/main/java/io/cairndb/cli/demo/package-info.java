/**
 * {@code cairndb demo}: a throw-away three-node cluster inside the CLI's JVM (node 1 bootstraps, nodes 2 and 3
 * join, replication factor three), loaded with a small shop schema, with the SQL shell opened on it through a
 * URL that lists all three nodes.
 */
package io.cairndb.cli.demo;
