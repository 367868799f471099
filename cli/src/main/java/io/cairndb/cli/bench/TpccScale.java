package io.cairndb.cli.bench;

import java.util.List;
import java.util.Locale;

/**
 * The cardinalities of a TPC-C database (TPC-C 5.11, clause 4.3.3.1). {@link #SPEC} is the specification's
 * scale; {@link #SMALL} keeps every rule of the specification (the ratios, the last-name syllables, the
 * delivered/undelivered split of the initial orders) with far fewer rows, for tests and quick checks.
 *
 * @param items rows in ITEM, and STOCK rows per warehouse (one per item)
 * @param districtsPerWarehouse DISTRICT rows per warehouse (10 in the specification)
 * @param customersPerDistrict CUSTOMER rows per district; also the initial ORDER rows per district, one per
 *     customer (clause 4.3.3.1: O_C_ID is a permutation of the customer ids)
 * @param newOrdersPerDistrict how many of the initial orders (the newest ones) are undelivered, with a
 *     NEW_ORDER row
 */
public record TpccScale(String name, int items, int districtsPerWarehouse, int customersPerDistrict,
    int newOrdersPerDistrict) {

  /** TPC-C's scale: 100,000 items; per warehouse 10 districts of 3,000 customers and orders, 900 new. */
  public static final TpccScale SPEC = new TpccScale("spec", 100_000, 10, 3_000, 900);
  /** For tests: 1,000 items; per warehouse 10 districts of 30 customers and orders, 9 new. */
  public static final TpccScale SMALL = new TpccScale("small", 1_000, 10, 30, 9);

  public static final List<TpccScale> ALL = List.of(SPEC, SMALL);

  public TpccScale {
    // STOCK has one S_DIST_xx column per district: S_DIST_01 to S_DIST_10
    if (items < 1 || districtsPerWarehouse < 1 || districtsPerWarehouse > 10 || customersPerDistrict < 1 || newOrdersPerDistrict < 0
        || newOrdersPerDistrict > customersPerDistrict) {
      throw new IllegalArgumentException("inconsistent TPC-C scale " + name);
    }
  }

  /** By name ("spec" or "small"); null when there is no such scale. */
  public static TpccScale named(String name) {
    for (TpccScale scale : ALL) {
      if (scale.name.equals(name.toLowerCase(Locale.ROOT))) {
        return scale;
      }
    }
    return null;
  }

  public int ordersPerDistrict() {
    return customersPerDistrict;
  }

  /** Initial orders with o_id below this are delivered (carrier set, order lines dated); 2,101 in the spec. */
  public int firstUndeliveredOrder() {
    return ordersPerDistrict() - newOrdersPerDistrict + 1;
  }

  /**
   * How many distinct C_LAST numbers exist: 1,000 in the specification (every syllable combination); fewer
   * with fewer customers, so that every name that the transactions look up exists in every district.
   */
  public int lastNames() {
    return Math.min(1_000, customersPerDistrict);
  }

  /** The rows a load writes for {@code warehouses} warehouses, counting order lines at their mean of 10. */
  public long approximateRows(int warehouses) {
    long perDistrict = 2L * customersPerDistrict + ordersPerDistrict() + newOrdersPerDistrict
        + 10L * ordersPerDistrict();
    return items + warehouses * (1L + items + districtsPerWarehouse * (1L + perDistrict));
  }
}
