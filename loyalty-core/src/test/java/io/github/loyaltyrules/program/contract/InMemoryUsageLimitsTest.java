package io.github.loyaltyrules.program.contract;

import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.Quotas;

/** The café's usage limits on the in-memory program store and quotas. */
class InMemoryUsageLimitsTest extends UsageLimitsContract {

    @Override
    protected ProgramStore newStore() {
        return InMemoryProgramStore.create();
    }

    @Override
    protected Quotas newQuotas() {
        return Quotas.inMemory();
    }
}
