package io.cairndb.cli.bench;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * TPC-C's consistency conditions 1 to 4 (clause 3.3.2.1 to 3.3.2.4), checked after a run, in one transaction so
 * that all four see the same state:
 * <ol>
 *   <li>W_YTD = sum(D_YTD) of the warehouse's districts;
 *   <li>D_NEXT_O_ID − 1 = max(O_ID) = max(NO_O_ID) of each district (NEW_ORDER only where it has rows);
 *   <li>max(NO_O_ID) − min(NO_O_ID) + 1 = the number of NEW_ORDER rows of each district that has some;
 *   <li>sum(O_OL_CNT) = the number of ORDER_LINE rows of each district.
 * </ol>
 */
final class TpccConsistency {
  /** One condition's verdict; {@code detail} gives the values (the first mismatches when it failed). */
  record Check(String clause, String condition, boolean ok, String detail) {
    String line() {
      return "consistency " + clause + " " + condition + ": " + (ok ? "OK" : "FAILED") + " (" + detail + ")";
    }
  }

  private static final int MISMATCHES_SHOWN = 5;

  /** A district, or a warehouse (d = 0), ordered by warehouse then district. */
  private record Key(int w, int d) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      return w != other.w ? Integer.compare(w, other.w) : Integer.compare(d, other.d);
    }

    @Override
    public String toString() {
      return d == 0 ? "warehouse " + w : "district (" + w + ", " + d + ")";
    }
  }

  private TpccConsistency() {}

  static List<Check> check(Connection connection) throws SQLException {
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      List<Check> checks = new ArrayList<>();
      checks.add(warehouseYtd(statement));
      Map<Key, BigDecimal[]> newOrders = byKey(statement, "SELECT no_w_id, no_d_id, MAX(no_o_id), MIN(no_o_id),"
          + " COUNT(*) FROM " + TpccSchema.NEW_ORDER.qualified() + " GROUP BY no_w_id, no_d_id");
      checks.add(nextOrderIds(statement, newOrders));
      checks.add(newOrderCounts(newOrders));
      checks.add(orderLineCounts(statement));
      connection.commit();
      return checks;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static Check warehouseYtd(Statement statement) throws SQLException {
    Map<Key, BigDecimal[]> warehouses =
        byKey(statement, "SELECT w_id, 0, w_ytd FROM " + TpccSchema.WAREHOUSE.qualified());
    Map<Key, BigDecimal[]> districts = byKey(statement,
        "SELECT d_w_id, 0, SUM(d_ytd) FROM " + TpccSchema.DISTRICT.qualified() + " GROUP BY d_w_id");
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<Key, BigDecimal[]> warehouse : warehouses.entrySet()) {
      BigDecimal[] sum = districts.get(warehouse.getKey());
      BigDecimal ytd = warehouse.getValue()[0];
      if (sum == null || ytd == null || ytd.compareTo(sum[0]) != 0) {
        mismatches.add(warehouse.getKey() + ": W_YTD " + plain(ytd) + ", sum(D_YTD) "
            + (sum == null ? "none" : plain(sum[0])));
      }
    }
    String summary = warehouses.size() + " warehouses" + (warehouses.isEmpty() ? ""
        : ", e.g. warehouse " + warehouses.keySet().iterator().next().w() + " W_YTD "
            + plain(warehouses.values().iterator().next()[0]));
    return verdict("3.3.2.1", "W_YTD = sum(D_YTD)", warehouses.isEmpty() ? List.of("no warehouses") : mismatches,
        summary);
  }

  private static Check nextOrderIds(Statement statement, Map<Key, BigDecimal[]> newOrders) throws SQLException {
    Map<Key, BigDecimal[]> districts =
        byKey(statement, "SELECT d_w_id, d_id, d_next_o_id FROM " + TpccSchema.DISTRICT.qualified());
    Map<Key, BigDecimal[]> orders = byKey(statement, "SELECT o_w_id, o_d_id, MAX(o_id) FROM "
        + TpccSchema.ORDERS.qualified() + " GROUP BY o_w_id, o_d_id");
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<Key, BigDecimal[]> district : districts.entrySet()) {
      long nextMinusOne = district.getValue()[0].longValueExact() - 1;
      BigDecimal[] maxOrder = orders.get(district.getKey());
      BigDecimal[] newOrder = newOrders.get(district.getKey());
      boolean ordersAgree = maxOrder != null && maxOrder[0].longValueExact() == nextMinusOne;
      boolean newOrdersAgree = newOrder == null || newOrder[0].longValueExact() == nextMinusOne;
      if (!ordersAgree || !newOrdersAgree) {
        mismatches.add(district.getKey() + ": D_NEXT_O_ID - 1 = " + nextMinusOne + ", max(O_ID) = "
            + (maxOrder == null ? "none" : plain(maxOrder[0])) + ", max(NO_O_ID) = "
            + (newOrder == null ? "none" : plain(newOrder[0])));
      }
    }
    return verdict("3.3.2.2", "D_NEXT_O_ID - 1 = max(O_ID) = max(NO_O_ID)",
        districts.isEmpty() ? List.of("no districts") : mismatches, districts.size() + " districts");
  }

  private static Check newOrderCounts(Map<Key, BigDecimal[]> newOrders) {
    List<String> mismatches = new ArrayList<>();
    long rows = 0;
    for (Map.Entry<Key, BigDecimal[]> district : newOrders.entrySet()) {
      long max = district.getValue()[0].longValueExact();
      long min = district.getValue()[1].longValueExact();
      long count = district.getValue()[2].longValueExact();
      rows += count;
      if (max - min + 1 != count) {
        mismatches.add(district.getKey() + ": max(NO_O_ID) - min(NO_O_ID) + 1 = " + (max - min + 1)
            + ", NEW_ORDER rows " + count);
      }
    }
    return verdict("3.3.2.3", "max(NO_O_ID) - min(NO_O_ID) + 1 = rows in NEW_ORDER", mismatches,
        newOrders.size() + " districts with new orders, " + rows + " rows");
  }

  private static Check orderLineCounts(Statement statement) throws SQLException {
    Map<Key, BigDecimal[]> orders = byKey(statement, "SELECT o_w_id, o_d_id, SUM(o_ol_cnt) FROM "
        + TpccSchema.ORDERS.qualified() + " GROUP BY o_w_id, o_d_id");
    Map<Key, BigDecimal[]> lines = byKey(statement, "SELECT ol_w_id, ol_d_id, COUNT(*) FROM "
        + TpccSchema.ORDER_LINE.qualified() + " GROUP BY ol_w_id, ol_d_id");
    List<String> mismatches = new ArrayList<>();
    long total = 0;
    for (Map.Entry<Key, BigDecimal[]> district : orders.entrySet()) {
      BigDecimal[] count = lines.get(district.getKey());
      long expected = district.getValue()[0].longValueExact();
      total += expected;
      if (count == null || count[0].longValueExact() != expected) {
        mismatches.add(district.getKey() + ": sum(O_OL_CNT) = " + expected + ", ORDER_LINE rows "
            + (count == null ? 0 : plain(count[0])));
      }
    }
    for (Key district : lines.keySet()) {
      if (!orders.containsKey(district)) {
        mismatches.add(district + ": ORDER_LINE rows without any order");
      }
    }
    return verdict("3.3.2.4", "sum(O_OL_CNT) = rows in ORDER_LINE",
        orders.isEmpty() ? List.of("no orders") : mismatches, orders.size() + " districts, " + total + " order lines");
  }

  private static Check verdict(String clause, String condition, List<String> mismatches, String summary) {
    if (mismatches.isEmpty()) {
      return new Check(clause, condition, true, summary);
    }
    String shown = String.join("; ", mismatches.subList(0, Math.min(MISMATCHES_SHOWN, mismatches.size())));
    String more = mismatches.size() > MISMATCHES_SHOWN ? "; " + (mismatches.size() - MISMATCHES_SHOWN) + " more" : "";
    return new Check(clause, condition, false, shown + more);
  }

  /** Rows of (w, d, values…), keyed by (w, d); values as BigDecimal (NULL stays null). */
  private static Map<Key, BigDecimal[]> byKey(Statement statement, String sql) throws SQLException {
    Map<Key, BigDecimal[]> result = new TreeMap<>();
    try (ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      while (rows.next()) {
        BigDecimal[] values = new BigDecimal[columns - 2];
        for (int i = 3; i <= columns; i++) {
          Object value = rows.getObject(i);
          values[i - 3] = value == null ? null : new BigDecimal(value.toString());
        }
        result.put(new Key(rows.getInt(1), rows.getInt(2)), values);
      }
    }
    return result;
  }

  private static String plain(BigDecimal value) {
    return value == null ? "NULL" : value.toPlainString();
  }
}
