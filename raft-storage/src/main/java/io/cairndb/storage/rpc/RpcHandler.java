package io.cairndb.storage.rpc;

/**
 * Serves one {@link RpcKind}: returns the reply body, or throws a storage exception that
 * {@link NodeRpcServer} turns into a failure status.
 */
@FunctionalInterface
public interface RpcHandler {
    byte[] handle(RpcEnvelope request, BodyReader body);
}
