package io.cairndb.planner;

import static io.cairndb.planner.PlannerFixture.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cairndb.planner.catalog.ColumnType;
import io.cairndb.storage.txn.KvIterator;
import io.cairndb.storage.txn.Transaction;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Rows stream from storage as the cursor advances; key spans limit what is read. */
class LazyScanTest {
    static PlannerFixture f;

    @BeforeAll
    static void setUp() throws Exception {
        f = new PlannerFixture();
        f.catalog.createTable("PUBLIC", "BIG", List.of(col("ID", ColumnType.INTEGER, false),
                col("V", ColumnType.VARCHAR, true)), List.of("ID"), false);
        StringBuilder sql = new StringBuilder("INSERT INTO big VALUES ");
        for (int i = 0; i < 600; i++) {
            sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", 'v").append(i).append("')");
        }
        f.update(sql.toString());
    }

    @AfterAll
    static void tearDown() {
        f.close();
    }

    /** Delegates to the real transaction, counting the key/value pairs read through scans and gets. */
    static final class CountingTransaction implements Transaction {
        final Transaction inner;
        int pairsRead;
        final List<String> scans = new ArrayList<>();

        CountingTransaction(Transaction inner) {
            this.inner = inner;
        }

        public long id() {
            return inner.id();
        }

        public long readTimestamp() {
            return inner.readTimestamp();
        }

        public boolean isReadOnly() {
            return inner.isReadOnly();
        }

        public boolean isActive() {
            return inner.isActive();
        }

        public byte[] get(byte[] key) {
            pairsRead++;
            return inner.get(key);
        }

        public java.util.List<byte[]> getAll(java.util.List<byte[]> keys) {
            pairsRead += keys.size();
            return inner.getAll(keys);
        }

        public KvIterator scan(byte[] start, byte[] end) {
            KvIterator it = inner.scan(start, end);
            scans.add("scan");
            return new KvIterator() {
                public boolean next() {
                    boolean more = it.next();
                    if (more) {
                        pairsRead++;
                    }
                    return more;
                }

                public byte[] key() {
                    return it.key();
                }

                public byte[] value() {
                    return it.value();
                }

                public void close() {
                    it.close();
                }
            };
        }

        public void put(byte[] key, byte[] value) {
            inner.put(key, value);
        }

        public void delete(byte[] key) {
            inner.delete(key);
        }

        public void commit() {
            inner.commit();
        }

        public void rollback() {
            inner.rollback();
        }

        public void lockRowsRead(Runnable reads, boolean noWait) {
            inner.lockRowsRead(reads, noWait);
        }

        public void runLocking(Runnable statement, boolean noWait) {
            inner.runLocking(statement, noWait);
        }
    }

    private int pairsReadBy(String sql, int rowsToFetch, Object... params) {
        PlannedStatement p = f.plan(sql);
        try (Transaction real = f.storage.transactions().begin()) {
            CountingTransaction txn = new CountingTransaction(real);
            try (RowCursor c = p.query(PlannerFixture.ctx(txn), List.of(params))) {
                for (int i = 0; i < rowsToFetch; i++) {
                    assertTrue(c.next());
                }
            }
            return txn.pairsRead;
        }
    }

    @Test
    void cursorReadsOnlyWhatItReturns() {
        assertTrue(pairsReadBy("SELECT id, v FROM big WHERE v <> 'x'", 3) <= 10);
        assertTrue(pairsReadBy("SELECT v FROM big LIMIT 2", 2) <= 10);
    }

    @Test
    void keySpansReadOnlyMatchingRows() {
        assertEquals(11, pairsReadBy("SELECT v FROM big WHERE id BETWEEN ? AND ? ORDER BY id", 11, 100, 110));
        assertEquals(3, pairsReadBy("SELECT v FROM big WHERE id IN (5, 50, 500)", 3));
        assertEquals(1, pairsReadBy("SELECT v FROM big WHERE id = ?", 1, 42));
        assertEquals(600, pairsReadBy("SELECT COUNT(*) FROM big WHERE v LIKE 'v%'", 1));
    }
}
