package io.cairndb.cli.bench;

import java.util.SplittableRandom;

/**
 * The transaction mix (clause 5.2.4): each terminal draws from its own shuffled deck of 100 cards, 45 NewOrder,
 * 43 Payment and 4 each of OrderStatus, Delivery and StockLevel, and reshuffles when the deck is used up. So
 * over every 100 transactions of a terminal the proportions are exact, and the minimum percentages of clause
 * 5.2.3 (Payment 43 %, the other three 4 % each) always hold.
 */
final class TpccMix {
  /** The five transactions, their names in the report and their cards in a deck. */
  enum Type {
    NEW_ORDER("new-order", 45),
    PAYMENT("payment", 43),
    ORDER_STATUS("order-status", 4),
    DELIVERY("delivery", 4),
    STOCK_LEVEL("stock-level", 4);

    final String label;
    final int cards;

    Type(String label, int cards) {
      this.label = label;
      this.cards = cards;
    }
  }

  static final int DECK_SIZE = 100;

  private final SplittableRandom random;
  private final Type[] deck = new Type[DECK_SIZE];
  private int next = DECK_SIZE;

  TpccMix(SplittableRandom random) {
    this.random = random;
    int at = 0;
    for (Type type : Type.values()) {
      for (int i = 0; i < type.cards; i++) {
        deck[at++] = type;
      }
    }
    if (at != DECK_SIZE) {
      throw new IllegalStateException("the mix has " + at + " cards, not " + DECK_SIZE);
    }
  }

  Type next() {
    if (next == DECK_SIZE) {
      shuffle();
      next = 0;
    }
    return deck[next++];
  }

  private void shuffle() {
    for (int i = DECK_SIZE - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      Type swap = deck[i];
      deck[i] = deck[j];
      deck[j] = swap;
    }
  }
}
