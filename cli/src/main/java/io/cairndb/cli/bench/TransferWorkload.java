package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Bank transfers in explicit transactions: debit one account, credit another, COMMIT; a conflict (40001) is
 * rolled back and retried inside the operation, so its latency includes the retries, as an application would see
 * it. The accounts table is split into {@link #RANGES} ranges of {@link #PER_RANGE} accounts (each its own Raft
 * group; on a cluster, led by different nodes once leaders have spread). {@code acrossRanges}: the two accounts
 * are always in neighbouring ranges (a two-phase commit over two ranges); otherwise always in the same range (one
 * Raft round).
 */
final class TransferWorkload implements Workload {
  static final String TABLE = "bench_accounts";
  static final int RANGES = 4;
  static final long PER_RANGE = 250;
  static final long OPENING_BALANCE = 1_000_000;
  private static final int MAX_ATTEMPTS = 50;

  private final boolean acrossRanges;

  TransferWorkload(boolean acrossRanges) {
    this.acrossRanges = acrossRanges;
  }

  @Override
  public String name() {
    return acrossRanges ? "transfer-2-ranges" : "transfer-1-range";
  }

  @Override
  public void prepare(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      BenchTables.recreate(statement, TABLE, "id BIGINT PRIMARY KEY, balance BIGINT NOT NULL");
      long accounts = RANGES * PER_RANGE;
      for (long first = 0; first < accounts; first += 100) {
        StringBuilder insert = new StringBuilder("INSERT INTO " + TABLE + " (id, balance) VALUES ");
        for (long id = first; id < Math.min(first + 100, accounts); id++) {
          insert.append(id == first ? "" : ", ").append('(').append(id).append(", ").append(OPENING_BALANCE)
              .append(')');
        }
        statement.executeUpdate(insert.toString());
      }
      for (int range = 1; range < RANGES; range++) {
        statement.execute("ALTER TABLE " + TABLE + " SPLIT AT VALUES (" + range * PER_RANGE + ")");
      }
    }
  }

  @Override
  public Operation open(Connection connection, int thread) throws SQLException {
    connection.setAutoCommit(false);
    PreparedStatement debit = connection.prepareStatement(
        "UPDATE " + TABLE + " SET balance = balance - ? WHERE id = ?");
    PreparedStatement credit = connection.prepareStatement(
        "UPDATE " + TABLE + " SET balance = balance + ? WHERE id = ?");
    return new Operation() {
      @Override
      public void run() throws SQLException {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        int range = random.nextInt(RANGES);
        long from = range * PER_RANGE + random.nextLong(PER_RANGE);
        long to;
        if (acrossRanges) {
          to = (range + 1) % RANGES * PER_RANGE + random.nextLong(PER_RANGE);
        } else {
          do {
            to = range * PER_RANGE + random.nextLong(PER_RANGE);
          } while (to == from);
        }
        long amount = 1 + random.nextInt(100);
        for (int attempt = 1; ; attempt++) {
          try {
            debit.setLong(1, amount);
            debit.setLong(2, from);
            debit.executeUpdate();
            credit.setLong(1, amount);
            credit.setLong(2, to);
            credit.executeUpdate();
            connection.commit();
            return;
          } catch (SQLException e) {
            connection.rollback();
            if (!"40001".equals(e.getSQLState()) || attempt == MAX_ATTEMPTS) {
              throw e;
            }
          }
        }
      }

      @Override
      public void close() throws SQLException {
        debit.close();
        credit.close();
      }
    };
  }
}
