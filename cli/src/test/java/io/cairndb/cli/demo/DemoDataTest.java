package io.cairndb.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {

  private static long rowsInsertedInto(List<String> inserts, String table) {
    return inserts.stream()
        .filter(sql -> sql.startsWith("INSERT INTO " + table + " ("))
        .mapToLong(sql -> sql.split("\\), \\(").length)
        .sum();
  }

  @Test
  void everyDemoShowsTheSameRows() {
    // the banner's example queries and the docs quote demo rows: generation must be seeded, not random per run
    assertEquals(DemoData.inserts(), DemoData.inserts());
  }

  @Test
  void loadsAFewHundredRowsIntoEachTableItDescribes() {
    List<String> inserts = DemoData.inserts();
    assertEquals(DemoData.CUSTOMERS, rowsInsertedInto(inserts, "customers"));
    assertEquals(DemoData.PRODUCTS, rowsInsertedInto(inserts, "products"));
    assertEquals(DemoData.ORDERS, rowsInsertedInto(inserts, "orders"));
    long items = rowsInsertedInto(inserts, "order_items");
    assertTrue(items >= DemoData.ORDERS && items <= 4L * DemoData.ORDERS, "order items: " + items);
  }

  @Test
  void schemaCreatesWhatTheBannerNames() {
    String schema = String.join("\n", DemoData.SCHEMA);
    for (String name : List.of("customers", "products", "orders", "order_items", "orders_by_customer",
        "order_totals")) {
      assertTrue(schema.contains(" " + name + " "), name);
      assertTrue(DemoData.SUMMARY.contains(name), name);
    }
  }
}
