/**
 * Node-to-node requests of a cluster, carried on each node's one jraft RPC server (the port Raft uses):
 * {@link io.cairndb.storage.rpc.RpcEnvelope} out, {@link io.cairndb.storage.rpc.RpcReply} back, bodies encoded
 * by hand with {@link io.cairndb.storage.rpc.BodyWriter}/{@link io.cairndb.storage.rpc.BodyReader} so the
 * transport's serializer only ever sees primitives and byte arrays. {@link io.cairndb.storage.rpc.NodeRpcServer}
 * dispatches by {@link io.cairndb.storage.rpc.RpcKind}; {@link io.cairndb.storage.rpc.NodeRpcClient} sends and
 * turns failure statuses back into the storage exceptions callers already handle.
 */
package io.cairndb.storage.rpc;
