package io.cairndb.cli.bench;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One TPC-C terminal: a connection bound to a home warehouse, with every statement of the five transactions
 * prepared once, and the transactions' logic of clauses 2.4 to 2.8. {@link #next} draws a transaction's inputs
 * (as a terminal's operator would key them in) and returns an {@link Attempt} that runs it; the caller runs an
 * attempt again, with the same inputs, after a serialization failure. Used by one thread.
 *
 * <p>Where the specification leaves the order of statements open, the row that serializes the transaction is
 * locked first ({@code SELECT … FOR UPDATE} of DISTRICT in NewOrder, of WAREHOUSE and DISTRICT in Payment), as
 * TPC-C implementations commonly do. Order lines are processed sorted by supply warehouse and item, so that two
 * NewOrders never lock the same STOCK rows in opposite orders.
 */
final class TpccTerminal implements AutoCloseable {
  /** How one attempt of a transaction ended, when it did not throw. */
  enum Outcome { COMMITTED, ROLLED_BACK_BY_DESIGN }

  /** One attempt of a transaction with fixed inputs. */
  interface Attempt {
    Outcome run() throws SQLException;
  }

  private static final String W = TpccSchema.WAREHOUSE.qualified();
  private static final String D = TpccSchema.DISTRICT.qualified();
  private static final String C = TpccSchema.CUSTOMER.qualified();
  private static final String H = TpccSchema.HISTORY.qualified();
  private static final String NO = TpccSchema.NEW_ORDER.qualified();
  private static final String O = TpccSchema.ORDERS.qualified();
  private static final String OL = TpccSchema.ORDER_LINE.qualified();
  private static final String I = TpccSchema.ITEM.qualified();
  private static final String S = TpccSchema.STOCK.qualified();

  private final Connection connection;
  private final TpccScale scale;
  private final int warehouses;
  private final int homeWarehouse;
  private final int stockLevelDistrict;
  private final TpccRandom random;
  private final List<PreparedStatement> statements = new ArrayList<>();
  private BigDecimal lastNewOrderTotal;
  private char brandGeneric;

  // NewOrder
  private final PreparedStatement noDistrict;
  private final PreparedStatement noDistrictNext;
  private final PreparedStatement noWarehouse;
  private final PreparedStatement noCustomer;
  private final PreparedStatement noInsertOrder;
  private final PreparedStatement noInsertNewOrder;
  private final PreparedStatement noItem;
  private final PreparedStatement[] noStockByDistrict;
  private final PreparedStatement noUpdateStock;
  private final PreparedStatement noInsertOrderLine;
  // Payment
  private final PreparedStatement payWarehouse;
  private final PreparedStatement payWarehouseYtd;
  private final PreparedStatement payDistrict;
  private final PreparedStatement payDistrictYtd;
  private final PreparedStatement customerIdsByName;
  private final PreparedStatement payCustomer;
  private final PreparedStatement payCustomerData;
  private final PreparedStatement payUpdateCustomer;
  private final PreparedStatement payUpdateCustomerBadCredit;
  private final PreparedStatement payInsertHistory;
  // OrderStatus
  private final PreparedStatement osCustomer;
  private final PreparedStatement osLastOrder;
  private final PreparedStatement osOrderLines;
  // Delivery
  private final PreparedStatement dlOldestNewOrder;
  private final PreparedStatement dlDeleteNewOrder;
  private final PreparedStatement dlOrderCustomer;
  private final PreparedStatement dlSetCarrier;
  private final PreparedStatement dlSetDeliveryDate;
  private final PreparedStatement dlOrderTotal;
  private final PreparedStatement dlCreditCustomer;
  // StockLevel
  private final PreparedStatement slNextOrder;
  private final PreparedStatement slLowStock;

  /**
   * @param terminal 0-based; terminal t works on warehouse t % warehouses + 1, and its StockLevel transactions on
   *     one district, so that each (warehouse, district) pair has its own terminals (clause 2.8.1.1)
   */
  TpccTerminal(Connection connection, TpccScale scale, int warehouses, int terminal, TpccRandom random)
      throws SQLException {
    this.connection = connection;
    this.scale = scale;
    this.warehouses = warehouses;
    this.homeWarehouse = homeWarehouse(terminal, warehouses);
    this.stockLevelDistrict = stockLevelDistrict(terminal, warehouses, scale.districtsPerWarehouse());
    this.random = random;
    connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
    connection.setAutoCommit(false);

    noDistrict = prepare("SELECT d_tax, d_next_o_id FROM " + D + " WHERE d_w_id = ? AND d_id = ? FOR UPDATE");
    noDistrictNext = prepare("UPDATE " + D + " SET d_next_o_id = ? WHERE d_w_id = ? AND d_id = ?");
    noWarehouse = prepare("SELECT w_tax FROM " + W + " WHERE w_id = ?");
    noCustomer = prepare("SELECT c_discount, c_last, c_credit FROM " + C
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");
    noInsertOrder = prepare("INSERT INTO " + O + " (o_id, o_d_id, o_w_id, o_c_id, o_entry_d, o_carrier_id,"
        + " o_ol_cnt, o_all_local) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    noInsertNewOrder = prepare("INSERT INTO " + NO + " (no_o_id, no_d_id, no_w_id) VALUES (?, ?, ?)");
    noItem = prepare("SELECT i_price, i_name, i_data FROM " + I + " WHERE i_id = ?");
    noStockByDistrict = new PreparedStatement[scale.districtsPerWarehouse()];
    for (int d = 1; d <= noStockByDistrict.length; d++) {
      noStockByDistrict[d - 1] = prepare(String.format("SELECT s_quantity, s_data, s_dist_%02d FROM %s"
          + " WHERE s_w_id = ? AND s_i_id = ?", d, S));
    }
    noUpdateStock = prepare("UPDATE " + S + " SET s_quantity = ?, s_ytd = s_ytd + ?,"
        + " s_order_cnt = s_order_cnt + 1, s_remote_cnt = s_remote_cnt + ? WHERE s_w_id = ? AND s_i_id = ?");
    noInsertOrderLine = prepare("INSERT INTO " + OL + " (ol_o_id, ol_d_id, ol_w_id, ol_number, ol_i_id,"
        + " ol_supply_w_id, ol_delivery_d, ol_quantity, ol_amount, ol_dist_info)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");

    payWarehouse = prepare("SELECT w_name, w_street_1, w_street_2, w_city, w_state, w_zip FROM " + W
        + " WHERE w_id = ? FOR UPDATE");
    payWarehouseYtd = prepare("UPDATE " + W + " SET w_ytd = w_ytd + ? WHERE w_id = ?");
    payDistrict = prepare("SELECT d_name, d_street_1, d_street_2, d_city, d_state, d_zip FROM " + D
        + " WHERE d_w_id = ? AND d_id = ? FOR UPDATE");
    payDistrictYtd = prepare("UPDATE " + D + " SET d_ytd = d_ytd + ? WHERE d_w_id = ? AND d_id = ?");
    customerIdsByName = prepare("SELECT c_id FROM " + C
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_last = ? ORDER BY c_first");
    payCustomer = prepare("SELECT c_first, c_middle, c_last, c_street_1, c_street_2, c_city, c_state, c_zip,"
        + " c_phone, c_since, c_credit, c_credit_lim, c_discount, c_balance FROM " + C
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");
    payCustomerData = prepare("SELECT c_data FROM " + C + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");
    payUpdateCustomer = prepare("UPDATE " + C + " SET c_balance = c_balance - ?,"
        + " c_ytd_payment = c_ytd_payment + ?, c_payment_cnt = c_payment_cnt + 1"
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");
    payUpdateCustomerBadCredit = prepare("UPDATE " + C + " SET c_balance = c_balance - ?,"
        + " c_ytd_payment = c_ytd_payment + ?, c_payment_cnt = c_payment_cnt + 1, c_data = ?"
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");
    payInsertHistory = prepare("INSERT INTO " + H + " (h_c_id, h_c_d_id, h_c_w_id, h_d_id, h_w_id, h_date,"
        + " h_amount, h_data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");

    osCustomer = prepare("SELECT c_balance, c_first, c_middle, c_last FROM " + C
        + " WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");
    osLastOrder = prepare("SELECT o_id, o_carrier_id, o_entry_d FROM " + O
        + " WHERE o_w_id = ? AND o_d_id = ? AND o_c_id = ? ORDER BY o_id DESC LIMIT 1");
    osOrderLines = prepare("SELECT ol_i_id, ol_supply_w_id, ol_quantity, ol_amount, ol_delivery_d FROM " + OL
        + " WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?");

    dlOldestNewOrder = prepare("SELECT no_o_id FROM " + NO
        + " WHERE no_w_id = ? AND no_d_id = ? ORDER BY no_o_id LIMIT 1");
    dlDeleteNewOrder = prepare("DELETE FROM " + NO + " WHERE no_w_id = ? AND no_d_id = ? AND no_o_id = ?");
    dlOrderCustomer = prepare("SELECT o_c_id FROM " + O + " WHERE o_w_id = ? AND o_d_id = ? AND o_id = ?");
    dlSetCarrier = prepare("UPDATE " + O + " SET o_carrier_id = ? WHERE o_w_id = ? AND o_d_id = ? AND o_id = ?");
    dlSetDeliveryDate = prepare("UPDATE " + OL + " SET ol_delivery_d = ?"
        + " WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?");
    dlOrderTotal = prepare("SELECT SUM(ol_amount) FROM " + OL + " WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id = ?");
    dlCreditCustomer = prepare("UPDATE " + C + " SET c_balance = c_balance + ?,"
        + " c_delivery_cnt = c_delivery_cnt + 1 WHERE c_w_id = ? AND c_d_id = ? AND c_id = ?");

    slNextOrder = prepare("SELECT d_next_o_id FROM " + D + " WHERE d_w_id = ? AND d_id = ?");
    slLowStock = prepare("SELECT COUNT(DISTINCT s_i_id) FROM " + OL + ", " + S
        + " WHERE ol_w_id = ? AND ol_d_id = ? AND ol_o_id < ? AND ol_o_id >= ?"
        + " AND s_w_id = ? AND s_i_id = ol_i_id AND s_quantity < ?");
  }

  private PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    statements.add(statement);
    return statement;
  }

  /** Terminal t (0-based) works on warehouse t % warehouses + 1. */
  static int homeWarehouse(int terminal, int warehouses) {
    return terminal % warehouses + 1;
  }

  /**
   * The district of terminal t's StockLevel transactions: the terminals of a warehouse take its districts in turn,
   * so that up to 10 terminals per warehouse each have their own (clause 2.8.1.1).
   */
  static int stockLevelDistrict(int terminal, int warehouses, int districts) {
    return terminal / warehouses % districts + 1;
  }

  /** The total (with discount and taxes) of the last NewOrder this terminal committed; null before the first. */
  BigDecimal lastNewOrderTotal() {
    return lastNewOrderTotal;
  }

  Connection connection() {
    return connection;
  }

  /** Draws the inputs of a transaction of this type; the attempt runs it with them (again after a retry). */
  Attempt next(TpccMix.Type type) {
    return switch (type) {
      case NEW_ORDER -> newOrder();
      case PAYMENT -> payment();
      case ORDER_STATUS -> orderStatus();
      case DELIVERY -> delivery();
      case STOCK_LEVEL -> stockLevel();
    };
  }

  /** Rolls back after a failure; a failing rollback (say, the connection broke) is left to the next statement. */
  void rollbackQuietly() {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the next attempt or transaction reports what is wrong with the connection
    }
  }

  private int otherWarehouse() {
    int other = random.uniform(1, warehouses - 1);
    return other >= homeWarehouse ? other + 1 : other;
  }

  private int district() {
    return random.uniform(1, scale.districtsPerWarehouse());
  }

  /** One order line of a NewOrder: item, supplying warehouse and quantity. */
  private record Line(int item, int supplyWarehouse, int quantity) {}

  /** Clause 2.4: NewOrder; 1 % of them name an unused item as their last one and are rolled back. */
  private Attempt newOrder() {
    int w = homeWarehouse;
    int d = district();
    int customer = random.customerId(scale);
    int count = random.uniform(5, 15);
    boolean rollback = random.uniform(1, 100) == 1;
    Line[] lines = new Line[count];
    boolean allLocal = true;
    for (int i = 0; i < count; i++) {
      int item = rollback && i == count - 1 ? scale.items() + 1 : random.itemId(scale);
      int supply = warehouses > 1 && random.percent(1) ? otherWarehouse() : w;
      allLocal &= supply == w;
      lines[i] = new Line(item, supply, random.uniform(1, 10));
    }
    Arrays.sort(lines, Comparator.comparingInt(Line::supplyWarehouse).thenComparingInt(Line::item));
    int orderAllLocal = allLocal ? 1 : 0;
    return () -> {
      noDistrict.setInt(1, w);
      noDistrict.setInt(2, d);
      BigDecimal districtTax;
      int orderId;
      try (ResultSet row = single(noDistrict, "district")) {
        districtTax = row.getBigDecimal(1);
        orderId = row.getInt(2);
      }
      noDistrictNext.setInt(1, orderId + 1);
      noDistrictNext.setInt(2, w);
      noDistrictNext.setInt(3, d);
      noDistrictNext.executeUpdate();
      noWarehouse.setInt(1, w);
      BigDecimal warehouseTax;
      try (ResultSet row = single(noWarehouse, "warehouse")) {
        warehouseTax = row.getBigDecimal(1);
      }
      setKey(noCustomer, w, d, customer);
      BigDecimal discount;
      try (ResultSet row = single(noCustomer, "customer")) {
        discount = row.getBigDecimal(1);
        row.getString(2);
        row.getString(3);
      }
      Timestamp entry = new Timestamp(System.currentTimeMillis());
      noInsertOrder.setInt(1, orderId);
      noInsertOrder.setInt(2, d);
      noInsertOrder.setInt(3, w);
      noInsertOrder.setInt(4, customer);
      noInsertOrder.setTimestamp(5, entry);
      noInsertOrder.setNull(6, Types.INTEGER);
      noInsertOrder.setInt(7, count);
      noInsertOrder.setInt(8, orderAllLocal);
      noInsertOrder.executeUpdate();
      noInsertNewOrder.setInt(1, orderId);
      noInsertNewOrder.setInt(2, d);
      noInsertNewOrder.setInt(3, w);
      noInsertNewOrder.executeUpdate();
      BigDecimal total = BigDecimal.ZERO;
      PreparedStatement stockOfDistrict = noStockByDistrict[d - 1];
      for (int i = 0; i < count; i++) {
        Line line = lines[i];
        noItem.setInt(1, line.item());
        BigDecimal price;
        String itemData;
        try (ResultSet item = noItem.executeQuery()) {
          if (!item.next()) {
            // clause 2.4.2.3: an unused item id; the whole transaction is rolled back, by design
            connection.rollback();
            return Outcome.ROLLED_BACK_BY_DESIGN;
          }
          price = item.getBigDecimal(1);
          item.getString(2);
          itemData = item.getString(3);
        }
        stockOfDistrict.setInt(1, line.supplyWarehouse());
        stockOfDistrict.setInt(2, line.item());
        int quantity;
        String distInfo;
        try (ResultSet stock = single(stockOfDistrict, "stock")) {
          quantity = stock.getInt(1);
          String stockData = stock.getString(2);
          // the brand-generic flag a terminal shows (clause 2.4.2.2); nothing stores it
          brandGeneric = itemData.contains("ORIGINAL") && stockData.contains("ORIGINAL") ? 'B' : 'G';
          distInfo = stock.getString(3);
        }
        int left = quantity - line.quantity();
        noUpdateStock.setInt(1, left >= 10 ? left : left + 91);
        noUpdateStock.setInt(2, line.quantity());
        noUpdateStock.setInt(3, line.supplyWarehouse() == w ? 0 : 1);
        noUpdateStock.setInt(4, line.supplyWarehouse());
        noUpdateStock.setInt(5, line.item());
        noUpdateStock.executeUpdate();
        BigDecimal amount = price.multiply(BigDecimal.valueOf(line.quantity())).setScale(2, RoundingMode.HALF_UP);
        total = total.add(amount);
        noInsertOrderLine.setInt(1, orderId);
        noInsertOrderLine.setInt(2, d);
        noInsertOrderLine.setInt(3, w);
        noInsertOrderLine.setInt(4, i + 1);
        noInsertOrderLine.setInt(5, line.item());
        noInsertOrderLine.setInt(6, line.supplyWarehouse());
        noInsertOrderLine.setNull(7, Types.TIMESTAMP);
        noInsertOrderLine.setInt(8, line.quantity());
        noInsertOrderLine.setBigDecimal(9, amount);
        noInsertOrderLine.setString(10, distInfo);
        noInsertOrderLine.executeUpdate();
      }
      connection.commit();
      // what a terminal would display: the order's total with discount and taxes (clause 2.4.2.2)
      lastNewOrderTotal = total.multiply(BigDecimal.ONE.subtract(discount))
          .multiply(BigDecimal.ONE.add(warehouseTax).add(districtTax));
      return Outcome.COMMITTED;
    };
  }

  /** Clause 2.5: Payment; 60 % by last name, 15 % for a customer of another warehouse (when there is one). */
  private Attempt payment() {
    int w = homeWarehouse;
    int d = district();
    int customerWarehouse = w;
    int customerDistrict = d;
    if (warehouses > 1 && random.percent(15)) {
      customerWarehouse = otherWarehouse();
      customerDistrict = district();
    }
    boolean byName = random.percent(60);
    String lastName = byName ? TpccRandom.lastName(random.lastNameNumber(scale)) : null;
    int customerId = byName ? 0 : random.customerId(scale);
    BigDecimal amount = random.decimal(100, 500_000, 2);
    int cw = customerWarehouse;
    int cd = customerDistrict;
    return () -> {
      Timestamp now = new Timestamp(System.currentTimeMillis());
      payWarehouse.setInt(1, w);
      String warehouseName;
      try (ResultSet row = single(payWarehouse, "warehouse")) {
        warehouseName = row.getString(1);
      }
      payWarehouseYtd.setBigDecimal(1, amount);
      payWarehouseYtd.setInt(2, w);
      payWarehouseYtd.executeUpdate();
      payDistrict.setInt(1, w);
      payDistrict.setInt(2, d);
      String districtName;
      try (ResultSet row = single(payDistrict, "district")) {
        districtName = row.getString(1);
      }
      payDistrictYtd.setBigDecimal(1, amount);
      payDistrictYtd.setInt(2, w);
      payDistrictYtd.setInt(3, d);
      payDistrictYtd.executeUpdate();
      int c = byName ? customerByLastName(cw, cd, lastName) : customerId;
      setKey(payCustomer, cw, cd, c);
      String credit;
      try (ResultSet row = single(payCustomer, "customer")) {
        credit = row.getString(11);
      }
      if ("BC".equals(credit.trim())) {
        setKey(payCustomerData, cw, cd, c);
        String data;
        try (ResultSet row = single(payCustomerData, "customer")) {
          data = row.getString(1);
        }
        String newData = c + " " + cd + " " + cw + " " + d + " " + w + " " + amount.toPlainString() + " | "
            + (data == null ? "" : data);
        payUpdateCustomerBadCredit.setBigDecimal(1, amount);
        payUpdateCustomerBadCredit.setBigDecimal(2, amount);
        payUpdateCustomerBadCredit.setString(3, newData.length() > 500 ? newData.substring(0, 500) : newData);
        payUpdateCustomerBadCredit.setInt(4, cw);
        payUpdateCustomerBadCredit.setInt(5, cd);
        payUpdateCustomerBadCredit.setInt(6, c);
        payUpdateCustomerBadCredit.executeUpdate();
      } else {
        payUpdateCustomer.setBigDecimal(1, amount);
        payUpdateCustomer.setBigDecimal(2, amount);
        payUpdateCustomer.setInt(3, cw);
        payUpdateCustomer.setInt(4, cd);
        payUpdateCustomer.setInt(5, c);
        payUpdateCustomer.executeUpdate();
      }
      payInsertHistory.setInt(1, c);
      payInsertHistory.setInt(2, cd);
      payInsertHistory.setInt(3, cw);
      payInsertHistory.setInt(4, d);
      payInsertHistory.setInt(5, w);
      payInsertHistory.setTimestamp(6, now);
      payInsertHistory.setBigDecimal(7, amount);
      payInsertHistory.setString(8, warehouseName + "    " + districtName);
      payInsertHistory.executeUpdate();
      connection.commit();
      return Outcome.COMMITTED;
    };
  }

  /**
   * Clauses 2.5.2.2 and 2.6.2.2: of the customers with this last name, sorted by first name, the one at position
   * n / 2 rounded up.
   */
  private int customerByLastName(int w, int d, String lastName) throws SQLException {
    customerIdsByName.setInt(1, w);
    customerIdsByName.setInt(2, d);
    customerIdsByName.setString(3, lastName);
    List<Integer> ids = new ArrayList<>();
    try (ResultSet rows = customerIdsByName.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getInt(1));
      }
    }
    if (ids.isEmpty()) {
      throw new SQLException("no customer named " + lastName + " in warehouse " + w + " district " + d, "02000");
    }
    return ids.get(middle(ids.size()));
  }

  /** The 0-based index of position n / 2 rounded up (1-based) among n rows. */
  static int middle(int n) {
    return (n + 1) / 2 - 1;
  }

  /** Clause 2.6: OrderStatus (read-only); 60 % by last name. */
  private Attempt orderStatus() {
    int w = homeWarehouse;
    int d = district();
    boolean byName = random.percent(60);
    String lastName = byName ? TpccRandom.lastName(random.lastNameNumber(scale)) : null;
    int customerId = byName ? 0 : random.customerId(scale);
    return () -> {
      int c = byName ? customerByLastName(w, d, lastName) : customerId;
      setKey(osCustomer, w, d, c);
      try (ResultSet row = single(osCustomer, "customer")) {
        row.getBigDecimal(1);
      }
      setKey(osLastOrder, w, d, c);
      Integer orderId = null;
      try (ResultSet row = osLastOrder.executeQuery()) {
        if (row.next()) {
          orderId = row.getInt(1);
          row.getObject(2);
          row.getTimestamp(3);
        }
      }
      if (orderId != null) {
        setKey(osOrderLines, w, d, orderId);
        try (ResultSet rows = osOrderLines.executeQuery()) {
          while (rows.next()) {
            rows.getBigDecimal(4);
          }
        }
      }
      connection.commit();
      return Outcome.COMMITTED;
    };
  }

  /** Clause 2.7: Delivery of the oldest undelivered order of each of the warehouse's districts, in one transaction. */
  private Attempt delivery() {
    int w = homeWarehouse;
    int carrier = random.uniform(1, 10);
    return () -> {
      Timestamp now = new Timestamp(System.currentTimeMillis());
      for (int d = 1; d <= scale.districtsPerWarehouse(); d++) {
        dlOldestNewOrder.setInt(1, w);
        dlOldestNewOrder.setInt(2, d);
        int orderId;
        try (ResultSet row = dlOldestNewOrder.executeQuery()) {
          if (!row.next()) {
            continue; // clause 2.7.4.2: no undelivered order in this district; it is skipped
          }
          orderId = row.getInt(1);
        }
        setKey(dlDeleteNewOrder, w, d, orderId);
        if (dlDeleteNewOrder.executeUpdate() == 0) {
          continue; // delivered by another terminal meanwhile: nothing left to deliver here
        }
        setKey(dlOrderCustomer, w, d, orderId);
        int customer;
        try (ResultSet row = single(dlOrderCustomer, "order")) {
          customer = row.getInt(1);
        }
        dlSetCarrier.setInt(1, carrier);
        dlSetCarrier.setInt(2, w);
        dlSetCarrier.setInt(3, d);
        dlSetCarrier.setInt(4, orderId);
        dlSetCarrier.executeUpdate();
        dlSetDeliveryDate.setTimestamp(1, now);
        dlSetDeliveryDate.setInt(2, w);
        dlSetDeliveryDate.setInt(3, d);
        dlSetDeliveryDate.setInt(4, orderId);
        dlSetDeliveryDate.executeUpdate();
        setKey(dlOrderTotal, w, d, orderId);
        BigDecimal total;
        try (ResultSet row = single(dlOrderTotal, "order lines")) {
          total = row.getBigDecimal(1);
        }
        dlCreditCustomer.setBigDecimal(1, total == null ? BigDecimal.ZERO.setScale(2) : total);
        dlCreditCustomer.setInt(2, w);
        dlCreditCustomer.setInt(3, d);
        dlCreditCustomer.setInt(4, customer);
        dlCreditCustomer.executeUpdate();
      }
      connection.commit();
      return Outcome.COMMITTED;
    };
  }

  /** Clause 2.8: StockLevel of this terminal's district: recently sold items whose stock is below a threshold. */
  private Attempt stockLevel() {
    int w = homeWarehouse;
    int d = stockLevelDistrict;
    int threshold = random.uniform(10, 20);
    return () -> {
      slNextOrder.setInt(1, w);
      slNextOrder.setInt(2, d);
      int nextOrder;
      try (ResultSet row = single(slNextOrder, "district")) {
        nextOrder = row.getInt(1);
      }
      slLowStock.setInt(1, w);
      slLowStock.setInt(2, d);
      slLowStock.setInt(3, nextOrder);
      slLowStock.setInt(4, nextOrder - 20);
      slLowStock.setInt(5, w);
      slLowStock.setInt(6, threshold);
      try (ResultSet row = single(slLowStock, "stock level")) {
        row.getLong(1);
      }
      connection.commit();
      return Outcome.COMMITTED;
    };
  }

  private static void setKey(PreparedStatement statement, int w, int d, int id) throws SQLException {
    statement.setInt(1, w);
    statement.setInt(2, d);
    statement.setInt(3, id);
  }

  /** Runs a query that must find a row, positioned on it; a missing row is a failure of the benchmark's data. */
  private static ResultSet single(PreparedStatement query, String what) throws SQLException {
    ResultSet rows = query.executeQuery();
    if (!rows.next()) {
      rows.close();
      throw new SQLException("TPC-C: no " + what + " row where one must exist", "02000");
    }
    return rows;
  }

  @Override
  public void close() throws SQLException {
    for (PreparedStatement statement : statements) {
      statement.close();
    }
    connection.close();
  }
}
