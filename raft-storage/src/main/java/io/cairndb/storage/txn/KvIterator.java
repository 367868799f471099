package io.cairndb.storage.txn;

/** A forward cursor over key/value pairs: {@code while (it.next()) { it.key(); it.value(); }}. */
public interface KvIterator extends AutoCloseable {

    /** Advances to the next pair; false at the end. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
