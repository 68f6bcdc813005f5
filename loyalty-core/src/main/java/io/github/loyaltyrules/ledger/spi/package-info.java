/**
 * The store service-provider interface: how the ledger reads and atomically replaces a member's
 * versioned book, for implementors of durable stores. Application code only needs
 * {@link io.github.loyaltyrules.ledger.spi.LedgerStore#inMemory()} or a store module's factory.
 */
package io.github.loyaltyrules.ledger.spi;
