package io.cairndb.cli.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fills the TPC-C tables as clause 4.3.3.1 says: ITEM once; per warehouse its STOCK, DISTRICTs, CUSTOMERs with
 * one HISTORY row each, ORDERs with their ORDER_LINEs, and NEW_ORDER rows for the newest orders of each
 * district. Rows go in with batched prepared INSERTs ({@link BatchInserter}), each batch its own transaction.
 * The items and each warehouse are separate tasks, run by {@code threads} threads, each with its own connection.
 */
final class TpccLoader {
  private static final BatchInserter.Null NULL_INT = new BatchInserter.Null(Types.INTEGER);
  private static final BatchInserter.Null NULL_TIMESTAMP = new BatchInserter.Null(Types.TIMESTAMP);

  private final BenchRunner.ConnectionSource source;
  private final TpccScale scale;
  private final int warehouses;
  private final int batchRows;
  private final LongAdder rows = new LongAdder();

  TpccLoader(BenchRunner.ConnectionSource source, TpccScale scale, int warehouses, int batchRows) {
    this.source = source;
    this.scale = scale;
    this.warehouses = warehouses;
    this.batchRows = batchRows;
  }

  /** Rows written so far (for progress reports while {@link #load} runs). */
  long rowsSoFar() {
    return rows.sum();
  }

  /** Loads everything with {@code threads} loader threads; the tables must exist and be empty. */
  LoadResult load(int threads) throws Exception {
    long started = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable -> {
      Thread thread = new Thread(runnable, "tpcc-loader");
      thread.setDaemon(true);
      return thread;
    });
    try {
      List<Future<Void>> tasks = new ArrayList<>();
      SplittableRandom seeds = new SplittableRandom();
      long itemSeed = seeds.nextLong();
      tasks.add(pool.submit(() -> {
        withConnection(connection -> loadItems(connection, new SplittableRandom(itemSeed)));
        return null;
      }));
      for (int w = 1; w <= warehouses; w++) {
        int warehouse = w;
        long seed = seeds.nextLong();
        tasks.add(pool.submit(() -> {
          withConnection(connection -> loadWarehouse(connection, warehouse, new SplittableRandom(seed)));
          return null;
        }));
      }
      for (Future<Void> task : tasks) {
        task.get();
      }
    } finally {
      pool.shutdownNow();
    }
    return new LoadResult(rows.sum(), System.nanoTime() - started);
  }

  private interface ConnectionTask {
    void run(Connection connection) throws SQLException;
  }

  private void withConnection(ConnectionTask task) throws SQLException {
    try (Connection connection = source.open()) {
      connection.setAutoCommit(false);
      task.run(connection);
    }
  }

  private BatchInserter inserter(Connection connection, TpccSchema.Table table, int columns) throws SQLException {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table.qualified()).append(" VALUES (");
    for (int i = 0; i < columns; i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    return new BatchInserter(connection, sql.append(')').toString(), batchRows, rows);
  }

  void loadItems(Connection connection, SplittableRandom seed) throws SQLException {
    TpccRandom random = new TpccRandom(seed, TpccRandom.Constants.forLoad(seed));
    try (BatchInserter item = inserter(connection, TpccSchema.ITEM, 5)) {
      for (int i = 1; i <= scale.items(); i++) {
        item.add(i, random.uniform(1, 10_000), random.alphanumeric(14, 24), random.decimal(100, 10_000, 2),
            random.dataWithOriginal());
      }
      item.flush();
    }
  }

  void loadWarehouse(Connection connection, int w, SplittableRandom seed) throws SQLException {
    TpccRandom random = new TpccRandom(seed, TpccRandom.Constants.forLoad(seed));
    Timestamp now = new Timestamp(System.currentTimeMillis());
    BigDecimal districtYtd = new BigDecimal("30000.00");
    try (BatchInserter warehouse = inserter(connection, TpccSchema.WAREHOUSE, 9)) {
      warehouse.add(w, random.alphanumeric(6, 10), random.alphanumeric(10, 20), random.alphanumeric(10, 20),
          random.alphanumeric(10, 20), random.alphanumeric(2, 2), random.zip(), random.decimal(0, 2_000, 4),
          districtYtd.multiply(BigDecimal.valueOf(scale.districtsPerWarehouse())));
      warehouse.flush();
    }
    try (BatchInserter stock = inserter(connection, TpccSchema.STOCK, 17)) {
      for (int i = 1; i <= scale.items(); i++) {
        stock.add(i, w, random.uniform(10, 100), random.alphanumeric(24, 24), random.alphanumeric(24, 24),
            random.alphanumeric(24, 24), random.alphanumeric(24, 24), random.alphanumeric(24, 24),
            random.alphanumeric(24, 24), random.alphanumeric(24, 24), random.alphanumeric(24, 24),
            random.alphanumeric(24, 24), random.alphanumeric(24, 24), 0, 0, 0, random.dataWithOriginal());
      }
      stock.flush();
    }
    int customers = scale.customersPerDistrict();
    try (BatchInserter district = inserter(connection, TpccSchema.DISTRICT, 11);
        BatchInserter customer = inserter(connection, TpccSchema.CUSTOMER, 21);
        BatchInserter history = inserter(connection, TpccSchema.HISTORY, 8);
        BatchInserter orders = inserter(connection, TpccSchema.ORDERS, 8);
        BatchInserter orderLine = inserter(connection, TpccSchema.ORDER_LINE, 10);
        BatchInserter newOrder = inserter(connection, TpccSchema.NEW_ORDER, 3)) {
      for (int d = 1; d <= scale.districtsPerWarehouse(); d++) {
        district.add(d, w, random.alphanumeric(6, 10), random.alphanumeric(10, 20), random.alphanumeric(10, 20),
            random.alphanumeric(10, 20), random.alphanumeric(2, 2), random.zip(), random.decimal(0, 2_000, 4),
            districtYtd, scale.ordersPerDistrict() + 1);
        for (int c = 1; c <= customers; c++) {
          int lastName = c <= scale.lastNames() ? c - 1 : random.lastNameNumber(scale);
          customer.add(c, d, w, random.alphanumeric(8, 16), "OE", TpccRandom.lastName(lastName),
              random.alphanumeric(10, 20), random.alphanumeric(10, 20), random.alphanumeric(10, 20),
              random.alphanumeric(2, 2), random.zip(), random.numeric(16, 16), now,
              random.percent(10) ? "BC" : "GC", new BigDecimal("50000.00"), random.decimal(0, 5_000, 4),
              new BigDecimal("-10.00"), new BigDecimal("10.00"), 1, 0, random.alphanumeric(300, 500));
          history.add(c, d, w, d, w, now, new BigDecimal("10.00"), random.alphanumeric(12, 24));
        }
        int[] customerOfOrder = random.permutation(customers);
        for (int o = 1; o <= scale.ordersPerDistrict(); o++) {
          boolean delivered = o < scale.firstUndeliveredOrder();
          int lines = random.uniform(5, 15);
          orders.add(o, d, w, customerOfOrder[o - 1], now,
              delivered ? random.uniform(1, 10) : NULL_INT, lines, 1);
          for (int l = 1; l <= lines; l++) {
            orderLine.add(o, d, w, l, random.uniform(1, scale.items()), w,
                delivered ? now : NULL_TIMESTAMP, 5,
                delivered ? BigDecimal.ZERO.setScale(2) : random.decimal(1, 999_999, 2),
                random.alphanumeric(24, 24));
          }
          if (!delivered) {
            newOrder.add(o, d, w);
          }
        }
      }
      for (BatchInserter each : List.of(district, customer, history, orders, orderLine, newOrder)) {
        each.flush();
      }
    }
  }
}
