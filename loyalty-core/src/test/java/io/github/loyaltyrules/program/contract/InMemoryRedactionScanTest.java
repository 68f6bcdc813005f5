package io.github.loyaltyrules.program.contract;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.tier.spi.TierStore;

/** The redaction scan over the in-memory stores. */
class InMemoryRedactionScanTest extends RedactionScanContract {

    @Override
    protected PrivacyContract.Stores newStores() {
        return new PrivacyContract.Stores(LedgerStore.inMemory(), TierStore.inMemory(), InMemoryProgramStore.create());
    }
}
