/**
 * A node as a member of a cluster: its identity ({@link io.cairndb.storage.cluster.ClusterIdentity}), the
 * directory of ranges and nodes it routes by ({@link io.cairndb.storage.cluster.RangeDirectory}, with a
 * {@link io.cairndb.storage.cluster.RangeClient} per range that reaches the range's leader, here or on another
 * node, and retries stale routes), the replicas it holds ({@link io.cairndb.storage.cluster.ReplicaManager}),
 * the meta range's services when it leads meta ({@link io.cairndb.storage.cluster.MetaService}: join,
 * liveness, descriptors, id counters, up-replication) and the client side of them
 * ({@link io.cairndb.storage.cluster.MetaClient}). Depends on range, meta, rpc and mvcc; txn depends only on
 * the {@link io.cairndb.storage.range.RangeReplica} interface these implement.
 */
package io.cairndb.storage.cluster;
