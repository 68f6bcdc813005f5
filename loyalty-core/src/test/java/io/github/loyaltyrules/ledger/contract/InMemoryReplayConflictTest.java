package io.github.loyaltyrules.ledger.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;

/** Replay conflicts name the part that differs on the in-memory store. */
class InMemoryReplayConflictTest extends ReplayConflictContract {

    @Override
    protected LedgerStore newStore() {
        return LedgerStore.inMemory();
    }
}
