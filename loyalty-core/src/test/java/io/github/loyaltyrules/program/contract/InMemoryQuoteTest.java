package io.github.loyaltyrules.program.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.program.contract.PrivacyContract.Stores;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.util.List;
import java.util.Map;

/** A quote changes none of the in-memory stores; their rows are read back through the SPI. */
class InMemoryQuoteTest extends QuoteContract {

    @Override
    protected Stores newStores() {
        return new Stores(LedgerStore.inMemory(), TierStore.inMemory(), InMemoryProgramStore.create());
    }

    @Override
    protected Map<String, List<String>> snapshot(Stores stores) {
        return PrivacyContract.readBack(stores);
    }
}
