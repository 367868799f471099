package io.cairndb.storage.txn;

/**
 * Starts transactions on this (gateway) node. The node that begins a transaction coordinates its commit:
 * one Raft round when it touches one range, two-phase commit through a transaction record otherwise.
 */
public interface TransactionCoordinator {

    /** A read-write transaction reading at a fresh snapshot timestamp. */
    Transaction begin();

    /** A read-only transaction: reads a consistent snapshot, takes no locks, never conflicts. */
    Transaction beginReadOnly();
}
