package io.cairndb.cli.bench;

import java.util.SplittableRandom;

/**
 * Zipf-distributed integers in [0, n): value i is drawn with probability proportional to 1 / (i + 1)^theta. The
 * method is the one of Gray et al., "Quickly Generating Billion-Record Synthetic Databases" (SIGMOD 1994), which
 * YCSB also uses, with YCSB's constant theta = 0.99 by default: one uniform draw per value after an O(n) set-up
 * (zeta(n)). Immutable; callers pass their own random source, so one instance serves many threads.
 */
final class Zipfian {
  static final double YCSB_THETA = 0.99;

  private final long n;
  private final double theta;
  private final double zetaN;
  private final double alpha;
  private final double eta;
  private final double twoCutoff;

  Zipfian(long n, double theta) {
    if (n < 1 || theta <= 0 || theta >= 1) {
      throw new IllegalArgumentException("Zipfian needs n >= 1 and 0 < theta < 1");
    }
    this.n = n;
    this.theta = theta;
    this.zetaN = zeta(n, theta);
    double zeta2 = zeta(Math.min(n, 2), theta);
    this.alpha = 1.0 / (1.0 - theta);
    this.eta = n < 3 ? 0 : (1 - Math.pow(2.0 / n, 1 - theta)) / (1 - zeta2 / zetaN);
    this.twoCutoff = 1 + Math.pow(0.5, theta);
  }

  /** zeta(n, theta) = sum over i in [1, n] of 1 / i^theta. */
  static double zeta(long n, double theta) {
    double sum = 0;
    for (long i = 1; i <= n; i++) {
      sum += 1 / Math.pow(i, theta);
    }
    return sum;
  }

  long n() {
    return n;
  }

  /** The probability of value i (0-based), for checks: 1 / ((i + 1)^theta · zeta(n)). */
  double probability(long i) {
    return 1 / (Math.pow(i + 1, theta) * zetaN);
  }

  long next(SplittableRandom random) {
    double u = random.nextDouble();
    double uz = u * zetaN;
    if (uz < 1) {
      return 0;
    }
    if (uz < twoCutoff && n > 1) {
      return 1;
    }
    long value = (long) (n * Math.pow(eta * u - eta + 1, alpha));
    return Math.min(Math.max(value, 0), n - 1);
  }

  /**
   * A Zipf-distributed key whose popular values are spread over [0, n) rather than packed at its start (YCSB's
   * "scrambled zipfian"): the rank is hashed (FNV-1a, 64 bit) and reduced modulo n. Hash collisions merge a few
   * ranks, as in YCSB.
   */
  long nextScrambled(SplittableRandom random) {
    return Math.floorMod(fnv1a64(next(random)), n);
  }

  static long fnv1a64(long value) {
    long hash = 0xcbf29ce484222325L;
    for (int i = 0; i < 8; i++) {
      hash ^= (value >>> (8 * i)) & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
