package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ZipfianTest {
  private static final int DRAWS = 1_000_000;

  @Test
  void zetaOfSmallN() {
    assertEquals(1.0, Zipfian.zeta(1, 0.99), 1e-12);
    assertEquals(1 + Math.pow(2, -0.99), Zipfian.zeta(2, 0.99), 1e-12);
    assertEquals(1 + 1 / Math.pow(2, 0.5) + 1 / Math.pow(3, 0.5), Zipfian.zeta(3, 0.5), 1e-12);
  }

  @Test
  void frequenciesFollowZipfsLaw() {
    Zipfian zipf = new Zipfian(1_000, Zipfian.YCSB_THETA);
    SplittableRandom random = new SplittableRandom(1);
    long[] counts = new long[1_000];
    for (int i = 0; i < DRAWS; i++) {
      long value = zipf.next(random);
      assertTrue(value >= 0 && value < 1_000, Long.toString(value));
      counts[(int) value]++;
    }
    // rank 1 and 2 are exact in the method; further ranks are approximated, within a few per cent
    for (int rank : new int[] {0, 1, 9, 99}) {
      double expected = zipf.probability(rank) * DRAWS;
      assertEquals(expected, counts[rank], expected * 0.1 + 50, "rank " + rank);
    }
    assertTrue(counts[0] > counts[1] && counts[1] > counts[9] && counts[9] > counts[99]);
    // the most popular 1 % of the keys gets about 40 % of the draws at theta 0.99 (uniform: 1 %)
    long top = 0;
    for (int i = 0; i < 10; i++) {
      top += counts[i];
    }
    assertEquals(0.39, top / (double) DRAWS, 0.03);
  }

  @Test
  void scrambledKeysStayInRangeAndKeepTheSkewElsewhere() {
    Zipfian zipf = new Zipfian(100_000, Zipfian.YCSB_THETA);
    SplittableRandom random = new SplittableRandom(2);
    int[] counts = new int[100_000];
    for (int i = 0; i < DRAWS; i++) {
      long key = zipf.nextScrambled(random);
      assertTrue(key >= 0 && key < 100_000, Long.toString(key));
      counts[(int) key]++;
    }
    int hottest = 0;
    for (int i = 1; i < counts.length; i++) {
      if (counts[i] > counts[hottest]) {
        hottest = i;
      }
    }
    assertEquals(Math.floorMod(Zipfian.fnv1a64(0), 100_000), hottest, "rank 0 lands where its hash says");
    assertEquals(zipf.probability(0) * DRAWS, counts[hottest], zipf.probability(0) * DRAWS * 0.1);
    assertTrue(counts[0] < counts[hottest] / 10, "key 0 is not the hot one once scrambled");
  }

  @Test
  void tinyRanges() {
    SplittableRandom random = new SplittableRandom(3);
    Zipfian one = new Zipfian(1, Zipfian.YCSB_THETA);
    Zipfian two = new Zipfian(2, Zipfian.YCSB_THETA);
    int ones = 0;
    for (int i = 0; i < 10_000; i++) {
      assertEquals(0, one.next(random));
      long value = two.next(random);
      assertTrue(value == 0 || value == 1);
      ones += (int) value;
    }
    assertEquals(10_000 * two.probability(1), ones, 300);
    assertThrows(IllegalArgumentException.class, () -> new Zipfian(0, 0.99));
    assertThrows(IllegalArgumentException.class, () -> new Zipfian(10, 1.0));
  }
}
