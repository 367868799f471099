package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TpccRandomTest {
  private static final int DRAWS = 300_000;

  private static TpccRandom random(long seed) {
    SplittableRandom source = new SplittableRandom(seed);
    return new TpccRandom(source, TpccRandom.Constants.forRun(source));
  }

  /** Counts of each value in [low, high] over DRAWS draws; fails on a value outside. */
  private interface Draw {
    int next();
  }

  private static int[] histogram(int low, int high, Draw draw) {
    int[] counts = new int[high - low + 1];
    for (int i = 0; i < DRAWS; i++) {
      int value = draw.next();
      assertTrue(value >= low && value <= high, value + " outside [" + low + ", " + high + "]");
      counts[value - low]++;
    }
    return counts;
  }

  /** The share of all draws that the most frequent tenth of the values got: 0.1 for a uniform distribution. */
  private static double topTenthShare(int[] counts) {
    int[] sorted = counts.clone();
    Arrays.sort(sorted);
    long top = 0;
    for (int i = sorted.length - Math.max(1, sorted.length / 10); i < sorted.length; i++) {
      top += sorted[i];
    }
    return top / (double) DRAWS;
  }

  @Test
  void nurandIsTheSpecificationsFormula() {
    // (((random(0, A) | random(x, y)) + C) % (y - x + 1)) + x
    assertEquals(((5 | 17) + 100) % 3000 + 1, TpccRandom.nurand(100, 1, 3000, 5, 17));
    assertEquals(((1023 | 2999) + 1023) % 3000 + 1, TpccRandom.nurand(1023, 1, 3000, 1023, 2999));
    assertEquals(0, TpccRandom.nurand(0, 0, 999, 0, 0));
  }

  @Test
  void customerIdsStayInRangeAndAreSkewed() {
    TpccRandom random = random(1);
    int[] counts = histogram(1, 3_000, () -> random.customerId(TpccScale.SPEC));
    assertTrue(topTenthShare(counts) > 0.3, "NURand(1023) favours some customers: " + topTenthShare(counts));
    assertTrue(Arrays.stream(counts).filter(c -> c > 0).count() > 2_500, "yet reaches nearly all of them");
  }

  @Test
  void itemIdsStayInRangeAndAreSkewed() {
    TpccRandom random = random(2);
    int[] counts = histogram(1, 100_000, () -> random.itemId(TpccScale.SPEC));
    assertTrue(topTenthShare(counts) > 0.3, "NURand(8191) favours some items: " + topTenthShare(counts));
    int[] small = histogram(1, 1_000, () -> random.itemId(TpccScale.SMALL));
    assertTrue(Arrays.stream(small).allMatch(c -> c > 0), "the small scale reaches every item");
  }

  @Test
  void lastNameNumbersStayInRangeAtBothScales() {
    TpccRandom random = random(3);
    int[] counts = histogram(0, 999, () -> random.lastNameNumber(TpccScale.SPEC));
    assertTrue(topTenthShare(counts) > 0.3, "NURand(255) favours some names: " + topTenthShare(counts));
    int[] small = histogram(0, 29, () -> random.lastNameNumber(TpccScale.SMALL));
    assertTrue(Arrays.stream(small).allMatch(c -> c > 0), "every loaded small-scale name is looked up");
  }

  @Test
  void lastNamesAreThreeSyllables() {
    assertEquals("BARBARBAR", TpccRandom.lastName(0));
    assertEquals("PRICALLYOUGHT", TpccRandom.lastName(371));
    assertEquals("EINGEINGEING", TpccRandom.lastName(999));
    Set<String> names = new HashSet<>();
    for (int i = 0; i < 1_000; i++) {
      names.add(TpccRandom.lastName(i));
      assertTrue(TpccRandom.lastName(i).length() <= 16, "fits C_LAST VARCHAR(16)");
    }
    assertEquals(1_000, names.size());
  }

  @Test
  void runTimeConstantOfLastNamesKeepsTheRequiredDistanceFromTheLoadConstant() {
    assertTrue(TpccRandom.validRunDelta(157 + 65, 157));
    assertTrue(TpccRandom.validRunDelta(157 - 119, 157));
    assertFalse(TpccRandom.validRunDelta(157 + 64, 157));
    assertFalse(TpccRandom.validRunDelta(157 + 120, 157));
    assertFalse(TpccRandom.validRunDelta(157 + 96, 157));
    assertFalse(TpccRandom.validRunDelta(157 - 112, 157));
    SplittableRandom source = new SplittableRandom(4);
    for (int i = 0; i < 1_000; i++) {
      TpccRandom.Constants run = TpccRandom.Constants.forRun(source);
      assertTrue(TpccRandom.validRunDelta(run.cLast(), TpccRandom.C_LAST_LOAD), "C_LAST run " + run.cLast());
      assertTrue(run.cLast() >= 0 && run.cLast() <= 255 && run.cId() >= 0 && run.cId() <= 1023
          && run.olIId() >= 0 && run.olIId() <= 8191, run.toString());
    }
  }

  @Test
  void stringsHaveTheirLengthsAndCharacters() {
    TpccRandom random = random(5);
    for (int i = 0; i < 1_000; i++) {
      String a = random.alphanumeric(8, 16);
      assertTrue(a.length() >= 8 && a.length() <= 16 && a.matches("[A-Za-z0-9]+"), a);
      String n = random.numeric(16, 16);
      assertTrue(n.matches("[0-9]{16}"), n);
      assertTrue(random.zip().matches("[0-9]{4}11111"));
    }
  }

  @Test
  void aTenthOfTheDataStringsSayOriginal() {
    TpccRandom random = random(6);
    int original = 0;
    for (int i = 0; i < 100_000; i++) {
      String data = random.dataWithOriginal();
      assertTrue(data.length() >= 26 && data.length() <= 50, data);
      if (data.contains("ORIGINAL")) {
        original++;
      }
    }
    assertEquals(10_000, original, 600);
  }

  @Test
  void decimalsHaveTheirScaleAndBounds() {
    TpccRandom random = random(7);
    for (int i = 0; i < 10_000; i++) {
      BigDecimal tax = random.decimal(0, 2_000, 4);
      assertEquals(4, tax.scale());
      assertTrue(tax.compareTo(BigDecimal.ZERO) >= 0 && tax.compareTo(new BigDecimal("0.2")) <= 0, tax.toString());
    }
  }

  @Test
  void initialOrdersGoToEveryCustomerOnce() {
    int[] permutation = random(8).permutation(3_000);
    int[] sorted = permutation.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i + 1, sorted[i]);
    }
    assertFalse(Arrays.equals(sorted, permutation), "shuffled");
  }

  @Test
  void customerByNameTakesTheMiddleRoundedUp() {
    assertEquals(0, TpccTerminal.middle(1));
    assertEquals(0, TpccTerminal.middle(2));
    assertEquals(1, TpccTerminal.middle(3));
    assertEquals(1, TpccTerminal.middle(4));
    assertEquals(2, TpccTerminal.middle(5));
  }

  @Test
  void terminalsSpreadOverWarehousesAndStockLevelDistricts() {
    assertEquals(1, TpccTerminal.homeWarehouse(0, 3));
    assertEquals(2, TpccTerminal.homeWarehouse(1, 3));
    assertEquals(3, TpccTerminal.homeWarehouse(2, 3));
    assertEquals(1, TpccTerminal.homeWarehouse(3, 3));
    // the 10 terminals of each of 3 warehouses have 10 different (warehouse, district) pairs for StockLevel
    Set<String> pairs = new HashSet<>();
    for (int t = 0; t < 30; t++) {
      int district = TpccTerminal.stockLevelDistrict(t, 3, 10);
      assertTrue(district >= 1 && district <= 10);
      pairs.add(TpccTerminal.homeWarehouse(t, 3) + "/" + district);
    }
    assertEquals(30, pairs.size());
    assertEquals(1, TpccTerminal.stockLevelDistrict(10, 1, 10), "the 11th terminal of a warehouse shares");
  }

  @Test
  void scalesKeepTheSpecificationsRatios() {
    assertEquals(TpccScale.SPEC, TpccScale.named("spec"));
    assertEquals(TpccScale.SMALL, TpccScale.named("SMALL"));
    assertNull(TpccScale.named("huge"));
    assertEquals(2_101, TpccScale.SPEC.firstUndeliveredOrder());
    assertEquals(1_000, TpccScale.SPEC.lastNames());
    assertEquals(22, TpccScale.SMALL.firstUndeliveredOrder());
    assertEquals(30, TpccScale.SMALL.lastNames());
    // 100,000 items + per warehouse: 1 + 100,000 stock + 10 x (1 + 3,000 customers + 3,000 history + 3,000 orders
    // + 900 new orders + 30,000 order lines)
    assertEquals(100_000 + 1 + 100_000 + 10 * (1 + 3_000 + 3_000 + 3_000 + 900 + 30_000),
        TpccScale.SPEC.approximateRows(1));
    assertThrows(IllegalArgumentException.class, () -> new TpccScale("x", 10, 11, 30, 9));
    assertThrows(IllegalArgumentException.class, () -> new TpccScale("x", 10, 10, 30, 31));
  }
}
