/**
 * A CairnDB server node: {@link io.cairndb.server.CairnNode} (lifecycle), {@link io.cairndb.server.NodeConfig},
 * the health/metrics HTTP endpoint and counters. The wire protocol listener lives in
 * {@code io.cairndb.server.wire}.
 */
package io.cairndb.server;
