package io.github.loyaltyrules.tier.contract;

import io.github.loyaltyrules.tier.spi.TierStore;

/** The in-memory default keeps the tier store contract. */
class InMemoryTierStoreTest extends TierStoreContract {

    @Override
    protected TierStore newStore() {
        return TierStore.inMemory();
    }
}
