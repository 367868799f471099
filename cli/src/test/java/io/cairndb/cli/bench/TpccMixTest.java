package io.cairndb.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TpccMixTest {

  private static Map<TpccMix.Type, Integer> count(TpccMix mix, int draws) {
    Map<TpccMix.Type, Integer> counts = new EnumMap<>(TpccMix.Type.class);
    for (int i = 0; i < draws; i++) {
      counts.merge(mix.next(), 1, Integer::sum);
    }
    return counts;
  }

  @Test
  void everyHundredTransactionsFollowTheSpecificationsMix() {
    TpccMix mix = new TpccMix(new SplittableRandom(1));
    for (int deck = 0; deck < 50; deck++) {
      Map<TpccMix.Type, Integer> counts = count(mix, TpccMix.DECK_SIZE);
      assertEquals(45, counts.get(TpccMix.Type.NEW_ORDER));
      assertEquals(43, counts.get(TpccMix.Type.PAYMENT));
      assertEquals(4, counts.get(TpccMix.Type.ORDER_STATUS));
      assertEquals(4, counts.get(TpccMix.Type.DELIVERY));
      assertEquals(4, counts.get(TpccMix.Type.STOCK_LEVEL));
    }
  }

  @Test
  void decksAreShuffledDifferently() {
    TpccMix mix = new TpccMix(new SplittableRandom(2));
    List<TpccMix.Type> first = new ArrayList<>();
    List<TpccMix.Type> second = new ArrayList<>();
    for (int i = 0; i < TpccMix.DECK_SIZE; i++) {
      first.add(mix.next());
    }
    for (int i = 0; i < TpccMix.DECK_SIZE; i++) {
      second.add(mix.next());
    }
    assertNotEquals(first, second);
    // not in the order the deck was built: the first 45 cards are not all NewOrders
    assertNotEquals(45, first.subList(0, 45).stream().filter(t -> t == TpccMix.Type.NEW_ORDER).count());
  }

  @Test
  void aTransactionTypeDoesNotComeInLongRuns() {
    // with a shuffled deck the rare types are spread out: each shows up in every 100 draws
    TpccMix mix = new TpccMix(new SplittableRandom(3));
    Map<TpccMix.Type, Integer> lastSeen = new EnumMap<>(TpccMix.Type.class);
    for (int i = 0; i < 10_000; i++) {
      TpccMix.Type type = mix.next();
      Integer before = lastSeen.put(type, i);
      if (before != null) {
        // two decks at most between two cards of the same type
        assertEquals(true, i - before < 2 * TpccMix.DECK_SIZE, type + " gap " + (i - before));
      }
    }
    assertEquals(TpccMix.Type.values().length, lastSeen.size());
  }
}
