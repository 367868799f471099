/**
 * {@code cairndb demo}: a throw-away single-node cluster inside the CLI's JVM, loaded with a small shop
 * schema, with the SQL shell opened on it.
 */
package io.cairndb.cli.demo;
