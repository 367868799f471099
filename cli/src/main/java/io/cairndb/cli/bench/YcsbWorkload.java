package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * YCSB-style key-value operations on a table of {@value #FIELDS} text fields of {@value #FIELD_LENGTH} characters
 * (YCSB's default record, about 1 KB): {@code ycsb-read} is 100 % point reads of a whole record by key (YCSB's
 * workload C), {@code ycsb-update} 50 % such reads and 50 % updates of one random field (workload A), all in
 * autocommit and through prepared statements. Keys follow YCSB's scrambled Zipfian distribution (constant 0.99):
 * a few records are hot, spread over the key space. Workloads of one run share the table and load it once.
 */
final class YcsbWorkload implements Workload {
  static final String TABLE = "bench_ycsb";
  static final int FIELDS = 10;
  static final int FIELD_LENGTH = 100;
  private static final char[] CHARACTERS =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** The table the YCSB workloads of one run share: loaded by the first of them to be prepared. */
  static final class Table {
    final long rows;
    private boolean loaded;
    private LoadResult load;

    Table(long rows) {
      this.rows = rows;
    }

    /** How long the load took; null when it has not been loaded. */
    LoadResult load() {
      return load;
    }
  }

  private final String name;
  private final Table table;
  private final int readPercent;
  private final Zipfian keys;

  private YcsbWorkload(String name, Table table, int readPercent) {
    this.name = name;
    this.table = table;
    this.readPercent = readPercent;
    this.keys = new Zipfian(table.rows, Zipfian.YCSB_THETA);
  }

  static YcsbWorkload read(Table table) {
    return new YcsbWorkload("ycsb-read", table, 100);
  }

  static YcsbWorkload update(Table table) {
    return new YcsbWorkload("ycsb-update", table, 50);
  }

  @Override
  public String name() {
    return name;
  }

  Table table() {
    return table;
  }

  /** The key of record i: "user" and i with 10 digits, so that keys sort as their numbers do. */
  static String key(long i) {
    return String.format(Locale.ROOT, "user%010d", i);
  }

  static String value(SplittableRandom random) {
    char[] chars = new char[FIELD_LENGTH];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = CHARACTERS[random.nextInt(CHARACTERS.length)];
    }
    return new String(chars);
  }

  static String columns() {
    StringBuilder columns = new StringBuilder("ycsb_key VARCHAR(32) PRIMARY KEY");
    for (int f = 0; f < FIELDS; f++) {
      columns.append(", field").append(f).append(" VARCHAR(").append(FIELD_LENGTH).append(')');
    }
    return columns.toString();
  }

  @Override
  public void prepare(Connection connection) throws SQLException {
    if (table.loaded) {
      return;
    }
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      BenchTables.recreate(statement, TABLE, columns());
    }
    long started = System.nanoTime();
    LongAdder loaded = new LongAdder();
    StringBuilder insert = new StringBuilder("INSERT INTO " + TABLE + " VALUES (?");
    for (int f = 0; f < FIELDS; f++) {
      insert.append(", ?");
    }
    connection.setAutoCommit(false);
    SplittableRandom random = new SplittableRandom();
    try (BatchInserter inserter = new BatchInserter(connection, insert.append(')').toString(),
        BatchInserter.DEFAULT_BATCH_ROWS, loaded)) {
      for (long i = 0; i < table.rows; i++) {
        Object[] row = new Object[FIELDS + 1];
        row[0] = key(i);
        for (int f = 1; f <= FIELDS; f++) {
          row[f] = value(random);
        }
        inserter.add(row);
      }
      inserter.flush();
    } finally {
      connection.setAutoCommit(true);
    }
    table.load = new LoadResult(loaded.sum(), System.nanoTime() - started);
    table.loaded = true;
  }

  @Override
  public Operation open(Connection connection, int thread) throws SQLException {
    connection.setAutoCommit(true);
    StringBuilder select = new StringBuilder("SELECT ");
    for (int f = 0; f < FIELDS; f++) {
      select.append(f == 0 ? "" : ", ").append("field").append(f);
    }
    PreparedStatement read = connection.prepareStatement(select + " FROM " + TABLE + " WHERE ycsb_key = ?");
    PreparedStatement[] updates = new PreparedStatement[readPercent < 100 ? FIELDS : 0];
    for (int f = 0; f < updates.length; f++) {
      updates[f] = connection.prepareStatement("UPDATE " + TABLE + " SET field" + f + " = ? WHERE ycsb_key = ?");
    }
    SplittableRandom random = new SplittableRandom();
    return new Operation() {
      @Override
      public void run() throws SQLException {
        String key = key(keys.nextScrambled(random));
        if (readPercent == 100 || random.nextInt(100) < readPercent) {
          read.setString(1, key);
          try (ResultSet row = read.executeQuery()) {
            if (!row.next()) {
              throw new SQLException("ycsb read found no row for key " + key, "XX000");
            }
            for (int f = 1; f <= FIELDS; f++) {
              row.getString(f);
            }
          }
        } else {
          PreparedStatement update = updates[random.nextInt(FIELDS)];
          update.setString(1, value(random));
          update.setString(2, key);
          if (update.executeUpdate() != 1) {
            throw new SQLException("ycsb update found no row for key " + key, "XX000");
          }
        }
      }

      @Override
      public void close() throws SQLException {
        read.close();
        for (PreparedStatement update : updates) {
          update.close();
        }
      }
    };
  }
}
