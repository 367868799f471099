package io.cairndb.storage.raftlog;

import com.alipay.sofa.jraft.core.DefaultJRaftServiceFactory;
import com.alipay.sofa.jraft.option.RaftOptions;
import com.alipay.sofa.jraft.storage.LogStorage;

/**
 * jraft's default services, except that a group's log lives in the node's {@link SharedLogStore} instead of a
 * RocksDB of its own. The log URI jraft passes is ignored (the group id, given at init, names the log); snapshot
 * and metadata storage stay jraft's file-based defaults.
 */
public final class SharedLogServiceFactory extends DefaultJRaftServiceFactory {
    private final SharedLogStore store;

    public SharedLogServiceFactory(SharedLogStore store) {
        this.store = store;
    }

    @Override
    public LogStorage createLogStorage(String uri, RaftOptions raftOptions) {
        return new SharedLogStorage(store, raftOptions);
    }
}
