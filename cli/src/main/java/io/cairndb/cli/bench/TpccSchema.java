package io.cairndb.cli.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;

/**
 * The nine TPC-C tables (clause 1.3) with the specification's columns and primary keys, and the two secondary
 * indexes TPC-C implementations usually add: customers by name (Payment and OrderStatus by last name) and orders
 * by customer (OrderStatus). They live in the schema {@value #SCHEMA}, so that the benchmark never drops tables of
 * the same names that belong to someone else. Money is DECIMAL, dates TIMESTAMP, text VARCHAR or CHAR, as
 * clause 1.3 lists them; HISTORY has no primary key, as in the specification.
 */
final class TpccSchema {
  static final String SCHEMA = "tpcc";

  /** A table: its name (without the schema) and column definitions. */
  record Table(String name, String columns) {
    String qualified() {
      return SCHEMA + "." + name;
    }
  }

  static final Table WAREHOUSE = new Table("warehouse", """
      w_id INTEGER NOT NULL, w_name VARCHAR(10), w_street_1 VARCHAR(20), w_street_2 VARCHAR(20),
      w_city VARCHAR(20), w_state CHAR(2), w_zip CHAR(9), w_tax DECIMAL(4,4), w_ytd DECIMAL(12,2),
      PRIMARY KEY (w_id)""");
  static final Table DISTRICT = new Table("district", """
      d_id INTEGER NOT NULL, d_w_id INTEGER NOT NULL, d_name VARCHAR(10), d_street_1 VARCHAR(20),
      d_street_2 VARCHAR(20), d_city VARCHAR(20), d_state CHAR(2), d_zip CHAR(9), d_tax DECIMAL(4,4),
      d_ytd DECIMAL(12,2), d_next_o_id INTEGER, PRIMARY KEY (d_w_id, d_id)""");
  static final Table CUSTOMER = new Table("customer", """
      c_id INTEGER NOT NULL, c_d_id INTEGER NOT NULL, c_w_id INTEGER NOT NULL, c_first VARCHAR(16),
      c_middle CHAR(2), c_last VARCHAR(16), c_street_1 VARCHAR(20), c_street_2 VARCHAR(20), c_city VARCHAR(20),
      c_state CHAR(2), c_zip CHAR(9), c_phone CHAR(16), c_since TIMESTAMP, c_credit CHAR(2),
      c_credit_lim DECIMAL(12,2), c_discount DECIMAL(4,4), c_balance DECIMAL(12,2), c_ytd_payment DECIMAL(12,2),
      c_payment_cnt INTEGER, c_delivery_cnt INTEGER, c_data VARCHAR(500), PRIMARY KEY (c_w_id, c_d_id, c_id)""");
  static final Table HISTORY = new Table("history", """
      h_c_id INTEGER, h_c_d_id INTEGER, h_c_w_id INTEGER, h_d_id INTEGER, h_w_id INTEGER, h_date TIMESTAMP,
      h_amount DECIMAL(6,2), h_data VARCHAR(24)""");
  static final Table NEW_ORDER = new Table("new_order", """
      no_o_id INTEGER NOT NULL, no_d_id INTEGER NOT NULL, no_w_id INTEGER NOT NULL,
      PRIMARY KEY (no_w_id, no_d_id, no_o_id)""");
  static final Table ORDERS = new Table("orders", """
      o_id INTEGER NOT NULL, o_d_id INTEGER NOT NULL, o_w_id INTEGER NOT NULL, o_c_id INTEGER,
      o_entry_d TIMESTAMP, o_carrier_id INTEGER, o_ol_cnt INTEGER, o_all_local INTEGER,
      PRIMARY KEY (o_w_id, o_d_id, o_id)""");
  static final Table ORDER_LINE = new Table("order_line", """
      ol_o_id INTEGER NOT NULL, ol_d_id INTEGER NOT NULL, ol_w_id INTEGER NOT NULL, ol_number INTEGER NOT NULL,
      ol_i_id INTEGER, ol_supply_w_id INTEGER, ol_delivery_d TIMESTAMP, ol_quantity INTEGER,
      ol_amount DECIMAL(6,2), ol_dist_info CHAR(24), PRIMARY KEY (ol_w_id, ol_d_id, ol_o_id, ol_number)""");
  static final Table ITEM = new Table("item", """
      i_id INTEGER NOT NULL, i_im_id INTEGER, i_name VARCHAR(24), i_price DECIMAL(5,2), i_data VARCHAR(50),
      PRIMARY KEY (i_id)""");
  static final Table STOCK = new Table("stock", """
      s_i_id INTEGER NOT NULL, s_w_id INTEGER NOT NULL, s_quantity INTEGER, s_dist_01 CHAR(24),
      s_dist_02 CHAR(24), s_dist_03 CHAR(24), s_dist_04 CHAR(24), s_dist_05 CHAR(24), s_dist_06 CHAR(24),
      s_dist_07 CHAR(24), s_dist_08 CHAR(24), s_dist_09 CHAR(24), s_dist_10 CHAR(24), s_ytd INTEGER,
      s_order_cnt INTEGER, s_remote_cnt INTEGER, s_data VARCHAR(50), PRIMARY KEY (s_w_id, s_i_id)""");

  static final List<Table> TABLES =
      List.of(WAREHOUSE, DISTRICT, CUSTOMER, HISTORY, NEW_ORDER, ORDERS, ORDER_LINE, ITEM, STOCK);

  static final List<String> INDEXES = List.of(
      "CREATE INDEX customer_by_name ON " + CUSTOMER.qualified() + " (c_w_id, c_d_id, c_last, c_first)",
      "CREATE INDEX orders_by_customer ON " + ORDERS.qualified() + " (o_w_id, o_d_id, o_c_id, o_id)");

  private TpccSchema() {}

  /** Drops the nine tables if they exist and creates them and their indexes afresh. */
  static void recreate(Connection connection) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      try {
        // PostgreSQL needs the schema created; CairnDB creates a schema with its first table (and refuses
        // CREATE SCHEMA with 0A000), so a failure here is no problem: CREATE TABLE reports a real one.
        statement.execute("CREATE SCHEMA IF NOT EXISTS " + SCHEMA);
      } catch (SQLException schemaOnFirstTable) {
        // see above
      }
      for (Table table : TABLES) {
        BenchTables.recreate(statement, table.qualified(), table.columns().replace('\n', ' '));
      }
      for (String index : INDEXES) {
        statement.execute(index);
      }
    }
  }

  /**
   * For --skip-load: checks that the tables exist and were loaded at this scale for at least this many
   * warehouses, so that the run neither fails half-way nor looks up rows that are not there.
   */
  static void checkLoaded(Connection connection, TpccScale scale, int warehouses) throws SQLException {
    connection.setAutoCommit(true);
    try (Statement statement = connection.createStatement()) {
      for (Table table : TABLES) {
        try (ResultSet ignored = statement.executeQuery("SELECT * FROM " + table.qualified() + " WHERE 1 = 0")) {
          // the table exists
        } catch (SQLException e) {
          throw new SQLException("--skip-load: table " + table.qualified() + " is not there (" + e.getMessage()
              + "); run once without --skip-load", e.getSQLState(), e);
        }
      }
      long warehouseRows = count(statement, "SELECT COUNT(*) FROM " + WAREHOUSE.qualified());
      long items = count(statement, "SELECT COUNT(*) FROM " + ITEM.qualified());
      long districts = count(statement, "SELECT COUNT(*) FROM " + DISTRICT.qualified());
      if (warehouseRows < warehouses || items != scale.items()
          || districts != warehouseRows * scale.districtsPerWarehouse()) {
        throw new SQLException(String.format(Locale.ROOT,
            "--skip-load: the loaded database has %d warehouses, %d items and %d districts; --warehouses %d"
                + " --tpcc-scale %s needs at least %d warehouses, %d items and %d districts per warehouse",
            warehouseRows, items, districts, warehouses, scale.name(), warehouses, scale.items(),
            scale.districtsPerWarehouse()), "55000");
      }
    }
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
