package io.cairndb.cli.bench;

import java.math.BigDecimal;
import java.util.SplittableRandom;

/**
 * The random values TPC-C asks for (clause 2.1.6 and 4.3.2): uniform integers, NURand, random a-strings and
 * n-strings, C_LAST from syllables, zip codes and the "ORIGINAL" data strings. Not thread-safe: one per thread.
 */
final class TpccRandom {
  /** Clause 4.3.2.3: C_LAST is three syllables, chosen by the three digits of a number in [0, 999]. */
  private static final String[] SYLLABLES =
      {"BAR", "OUGHT", "ABLE", "PRI", "PRES", "ESE", "ANTI", "CALLY", "ATION", "EING"};
  private static final char[] ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

  /** A for NURand of C_LAST, C_ID and OL_I_ID (clause 2.1.6). */
  static final int A_C_LAST = 255;
  static final int A_C_ID = 1023;
  static final int A_OL_I_ID = 8191;

  /**
   * The C of NURand(255, …) used to generate C_LAST when loading. Fixed, so that a run with --skip-load can pick
   * a run-time C that satisfies clause 2.1.6.1 against it without reading anything from the database.
   */
  static final int C_LAST_LOAD = 157;

  /** The run-time constants C of NURand (clause 2.1.6): one set per run, shared by all terminals. */
  record Constants(int cLast, int cId, int olIId) {
    /** Picks run-time constants; C for C_LAST differs from {@link #C_LAST_LOAD} as clause 2.1.6.1 requires. */
    static Constants forRun(SplittableRandom random) {
      int cLast;
      do {
        cLast = random.nextInt(A_C_LAST + 1);
      } while (!validRunDelta(cLast, C_LAST_LOAD));
      return new Constants(cLast, random.nextInt(A_C_ID + 1), random.nextInt(A_OL_I_ID + 1));
    }

    static Constants forLoad(SplittableRandom random) {
      return new Constants(C_LAST_LOAD, random.nextInt(A_C_ID + 1), random.nextInt(A_OL_I_ID + 1));
    }
  }

  /** Clause 2.1.6.1: |C_run − C_load| of C_LAST is in [65, 119] and is neither 96 nor 112. */
  static boolean validRunDelta(int cRun, int cLoad) {
    int delta = Math.abs(cRun - cLoad);
    return delta >= 65 && delta <= 119 && delta != 96 && delta != 112;
  }

  private final SplittableRandom random;
  private final Constants constants;

  TpccRandom(SplittableRandom random, Constants constants) {
    this.random = random;
    this.constants = constants;
  }

  Constants constants() {
    return constants;
  }

  /** A uniformly random integer in [low, high], both included. */
  int uniform(int low, int high) {
    return low + random.nextInt(high - low + 1);
  }

  /** NURand(A, x, y) = (((random(0, A) | random(x, y)) + C) % (y − x + 1)) + x (clause 2.1.6). */
  static int nurand(int c, int x, int y, int randomA, int randomXy) {
    return (((randomA | randomXy) + c) % (y - x + 1)) + x;
  }

  int nurand(int a, int c, int x, int y) {
    return nurand(c, x, y, uniform(0, a), uniform(x, y));
  }

  /** A customer id for the transactions: NURand(1023, 1, customers). */
  int customerId(TpccScale scale) {
    return nurand(A_C_ID, constants.cId(), 1, scale.customersPerDistrict());
  }

  /** An item id for the transactions: NURand(8191, 1, items). */
  int itemId(TpccScale scale) {
    return nurand(A_OL_I_ID, constants.olIId(), 1, scale.items());
  }

  /** A last name number for the transactions and for customers past the first 1,000: NURand(255, 0, 999). */
  int lastNameNumber(TpccScale scale) {
    return nurand(A_C_LAST, constants.cLast(), 0, scale.lastNames() - 1);
  }

  /** Clause 4.3.2.3: the syllables of the number's three digits, e.g. 371 is PRICALLYOUGHT. */
  static String lastName(int number) {
    return SYLLABLES[number / 100] + SYLLABLES[number / 10 % 10] + SYLLABLES[number % 10];
  }

  /** Random a-string: letters and digits, length uniform in [min, max] (clause 4.3.2.2). */
  String alphanumeric(int min, int max) {
    char[] chars = new char[uniform(min, max)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = ALPHANUMERIC[random.nextInt(ALPHANUMERIC.length)];
    }
    return new String(chars);
  }

  /** Random n-string: digits, length uniform in [min, max]. */
  String numeric(int min, int max) {
    char[] chars = new char[uniform(min, max)];
    for (int i = 0; i < chars.length; i++) {
      chars[i] = (char) ('0' + random.nextInt(10));
    }
    return new String(chars);
  }

  /** Clause 4.3.2.7: four random digits followed by "11111". */
  String zip() {
    return numeric(4, 4) + "11111";
  }

  /** I_DATA and S_DATA: a-string [26, 50]; 10 % of them hold "ORIGINAL" at a random position (4.3.3.1). */
  String dataWithOriginal() {
    String data = alphanumeric(26, 50);
    if (random.nextInt(10) != 0) {
      return data;
    }
    int at = random.nextInt(data.length() - "ORIGINAL".length() + 1);
    return data.substring(0, at) + "ORIGINAL" + data.substring(at + "ORIGINAL".length());
  }

  /** A uniformly random decimal in [low, high] with {@code scale} digits after the point. */
  BigDecimal decimal(long lowUnscaled, long highUnscaled, int scale) {
    return BigDecimal.valueOf(lowUnscaled + random.nextLong(highUnscaled - lowUnscaled + 1), scale);
  }

  /** True with probability percent / 100. */
  boolean percent(int percent) {
    return random.nextInt(100) < percent;
  }

  /** A random permutation of 1..n (O_C_ID of the initial orders, clause 4.3.3.1). */
  int[] permutation(int n) {
    int[] values = new int[n];
    for (int i = 0; i < n; i++) {
      values[i] = i + 1;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = values[i];
      values[i] = values[j];
      values[j] = swap;
    }
    return values;
  }
}
