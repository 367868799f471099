/**
 * Commands about nodes: {@code start} runs a node in the foreground; {@code status} shows what a running
 * cluster reports about its nodes and ranges.
 */
package io.cairndb.cli.node;
