package io.cairndb.cli.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.StringJoiner;

/**
 * The demo's sample shop: customers, products, orders and order_items, an index on orders.customer_id and
 * a view of order totals. The rows come from a fixed random seed, so every demo shows the same data.
 */
final class DemoData {
  static final int CUSTOMERS = 50;
  static final int PRODUCTS = 30;
  static final int ORDERS = 200;
  private static final int ROWS_PER_INSERT = 100;

  /** The schema, in creation order. */
  static final List<String> SCHEMA = List.of(
      "CREATE TABLE customers (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, email VARCHAR(200),"
          + " city VARCHAR(50))",
      "CREATE TABLE products (id INT PRIMARY KEY, name VARCHAR(100) NOT NULL, category VARCHAR(50),"
          + " price DECIMAL(10, 2) NOT NULL)",
      "CREATE TABLE orders (id INT PRIMARY KEY, customer_id INT NOT NULL, order_date DATE NOT NULL,"
          + " status VARCHAR(20) NOT NULL)",
      "CREATE TABLE order_items (order_id INT NOT NULL, line_no INT NOT NULL, product_id INT NOT NULL,"
          + " quantity INT NOT NULL, unit_price DECIMAL(10, 2) NOT NULL, PRIMARY KEY (order_id, line_no))",
      "CREATE INDEX orders_by_customer ON orders (customer_id)",
      "CREATE VIEW order_totals AS SELECT o.id AS order_id, o.customer_id, o.order_date,"
          + " SUM(i.quantity * i.unit_price) AS total FROM orders o JOIN order_items i ON i.order_id = o.id"
          + " GROUP BY o.id, o.customer_id, o.order_date");

  static final String SUMMARY =
      "tables customers, products, orders, order_items; index orders_by_customer; view order_totals";

  static final List<String> EXAMPLE_QUERIES = List.of(
      "SELECT * FROM customers WHERE id = 7;",
      "SELECT c.name, COUNT(*) AS orders FROM customers c JOIN orders o ON o.customer_id = c.id"
          + " GROUP BY c.name ORDER BY orders DESC, c.name LIMIT 5;",
      "SELECT * FROM order_totals ORDER BY total DESC LIMIT 5;");

  private static final String[] FIRST_NAMES = {
    "Ada", "Alan", "Barbara", "Donald", "Edsger", "Frances", "Grace", "Hedy", "John", "Katherine",
    "Ken", "Leslie", "Linus", "Margaret", "Niklaus", "Radia", "Shafi", "Tim", "Tony", "Whitfield"
  };
  private static final String[] LAST_NAMES = {
    "Allen", "Backus", "Codd", "Dijkstra", "Gray", "Hamilton", "Hopper", "Johnson", "Knuth", "Lamport",
    "Liskov", "Lovelace", "Perlman", "Ritchie", "Stonebraker", "Turing", "Wirth"
  };
  private static final String[] CITIES = {"Oslo", "Lisbon", "Tallinn", "Kyoto", "Austin", "Lagos", "Lima"};
  private static final String[] CATEGORIES = {"books", "tools", "garden", "kitchen", "games"};
  private static final String[] PRODUCT_WORDS = {
    "Lantern", "Trowel", "Kettle", "Atlas", "Compass", "Puzzle", "Rope", "Whisk", "Chess set", "Notebook"
  };
  private static final String[] STATUSES = {"placed", "shipped", "delivered", "delivered", "cancelled"};
  private static final LocalDate FIRST_ORDER_DAY = LocalDate.of(2026, 1, 1);

  private DemoData() {}

  /** INSERT statements for every sample row, parents before children. */
  static List<String> inserts() {
    Random random = new Random(20260101L);
    List<String> statements = new ArrayList<>();

    List<String> customers = new ArrayList<>();
    for (int id = 1; id <= CUSTOMERS; id++) {
      String first = FIRST_NAMES[random.nextInt(FIRST_NAMES.length)];
      String last = LAST_NAMES[random.nextInt(LAST_NAMES.length)];
      String email = (first + "." + last + id + "@example.com").toLowerCase(Locale.ROOT);
      customers.add(values(id, quote(first + " " + last), quote(email), quote(CITIES[random.nextInt(CITIES.length)])));
    }
    addInserts(statements, "customers (id, name, email, city)", customers);

    BigDecimal[] prices = new BigDecimal[PRODUCTS + 1];
    List<String> products = new ArrayList<>();
    for (int id = 1; id <= PRODUCTS; id++) {
      prices[id] = BigDecimal.valueOf(199 + random.nextInt(9800), 2);
      String name = PRODUCT_WORDS[(id - 1) % PRODUCT_WORDS.length] + " " + (char) ('A' + (id - 1) / PRODUCT_WORDS.length);
      products.add(values(id, quote(name), quote(CATEGORIES[random.nextInt(CATEGORIES.length)]), prices[id].toPlainString()));
    }
    addInserts(statements, "products (id, name, category, price)", products);

    List<String> orders = new ArrayList<>();
    List<String> items = new ArrayList<>();
    for (int id = 1; id <= ORDERS; id++) {
      LocalDate day = FIRST_ORDER_DAY.plusDays(random.nextInt(300));
      orders.add(values(id, 1 + random.nextInt(CUSTOMERS), "DATE '" + day + "'",
          quote(STATUSES[random.nextInt(STATUSES.length)])));
      int lines = 1 + random.nextInt(4);
      for (int line = 1; line <= lines; line++) {
        int product = 1 + random.nextInt(PRODUCTS);
        items.add(values(id, line, product, 1 + random.nextInt(5), prices[product].toPlainString()));
      }
    }
    addInserts(statements, "orders (id, customer_id, order_date, status)", orders);
    addInserts(statements, "order_items (order_id, line_no, product_id, quantity, unit_price)", items);
    return statements;
  }

  private static void addInserts(List<String> statements, String target, List<String> rows) {
    for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
      List<String> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
      statements.add("INSERT INTO " + target + " VALUES " + String.join(", ", chunk));
    }
  }

  private static String values(Object... values) {
    StringJoiner row = new StringJoiner(", ", "(", ")");
    for (Object value : values) {
      row.add(String.valueOf(value));
    }
    return row.toString();
  }

  private static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
