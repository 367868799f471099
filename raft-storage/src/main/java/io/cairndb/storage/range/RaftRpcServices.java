package io.cairndb.storage.range;

import com.alipay.sofa.jraft.rpc.RpcServer;
import com.alipay.sofa.jraft.rpc.impl.PingRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.AddLearnersRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.AddPeerRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.ChangePeersRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.GetLeaderRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.GetPeersRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.RemoveLearnersRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.RemovePeerRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.ResetLearnersRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.ResetPeerRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.SnapshotRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.cli.TransferLeaderRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.GetFileRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.InstallSnapshotRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.ReadIndexRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.RequestVoteRequestProcessor;
import com.alipay.sofa.jraft.rpc.impl.core.TimeoutNowRequestProcessor;
import com.alipay.sofa.jraft.util.Endpoint;
import com.alipay.sofa.jraft.util.RpcFactoryHelper;

/**
 * The node's jraft RPC server with jraft's request processors, as {@code RaftRpcServerFactory.createRaftRpcServer}
 * builds it, but with {@link SharedAppendEntriesProcessor} for AppendEntries (jraft has no way to swap one
 * processor: registering a second one for a request type fails). Every other processor runs on the RPC server's
 * default executor, as jraft's factory does when given none.
 */
final class RaftRpcServices {
    private RaftRpcServices() {
    }

    static RpcServer create(Endpoint endpoint, SharedAppendEntriesProcessor appendEntries) {
        RpcServer server = RpcFactoryHelper.rpcFactory().createRpcServer(endpoint);
        server.registerConnectionClosedEventListener(appendEntries);
        server.registerProcessor(appendEntries);
        server.registerProcessor(new GetFileRequestProcessor(null));
        server.registerProcessor(new InstallSnapshotRequestProcessor(null));
        server.registerProcessor(new RequestVoteRequestProcessor(null));
        server.registerProcessor(new PingRequestProcessor(null));
        server.registerProcessor(new TimeoutNowRequestProcessor(null));
        server.registerProcessor(new ReadIndexRequestProcessor(null));
        // the CLI requests (membership changes, leader transfer) CairnDB's own cluster code sends
        server.registerProcessor(new AddPeerRequestProcessor(null));
        server.registerProcessor(new RemovePeerRequestProcessor(null));
        server.registerProcessor(new ResetPeerRequestProcessor(null));
        server.registerProcessor(new ChangePeersRequestProcessor(null));
        server.registerProcessor(new GetLeaderRequestProcessor(null));
        server.registerProcessor(new SnapshotRequestProcessor(null));
        server.registerProcessor(new TransferLeaderRequestProcessor(null));
        server.registerProcessor(new GetPeersRequestProcessor(null));
        server.registerProcessor(new AddLearnersRequestProcessor(null));
        server.registerProcessor(new RemoveLearnersRequestProcessor(null));
        server.registerProcessor(new ResetLearnersRequestProcessor(null));
        return server;
    }
}
