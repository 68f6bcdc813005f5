package io.github.loyaltyrules.program.contract;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;

/** The in-memory program store keeps the contract; its "servers" share one ledger and one store. */
class InMemoryProgramStoreTest extends ProgramStoreContract {

    @Override
    protected Database newDatabase() {
        Server shared = new Server(Ledger.builder().zone(ZONE).currency(PTS).build(), InMemoryProgramStore.create());
        return () -> shared;
    }
}
