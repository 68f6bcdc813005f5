package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.contract.LedgerStatefulProperties;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.stateful.ActionSequence;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;

/**
 * The stateful ledger property of loyalty-core on PostgreSQL with the ledger's tables
 * hash-partitioned by member; skipped without {@code LOYALTY_PG_URL}.
 */
@AddLifecycleHook(PartitionedPostgresStatefulProperties.PostgresOnly.class)
class PartitionedPostgresStatefulProperties extends LedgerStatefulProperties {

    /** Skips the property where no PostgreSQL server is configured. */
    static class PostgresOnly implements SkipExecutionHook {
        @Override
        public SkipResult shouldBeSkipped(LifecycleContext context) {
            return Databases.postgresAvailable() ? SkipResult.doNotSkip() : SkipResult.skip("no PostgreSQL configured");
        }
    }

    @Override
    @Property(tries = 20)
    public void ledgerAgreesWithModelAfterEveryStep(@ForAll("sequences") ActionSequence<World> actions) {
        super.ledgerAgreesWithModelAfterEveryStep(actions);
    }

    @Override
    @Property(tries = 10)
    public void ledgerSpendingOldestFirstAgreesWithModel(@ForAll("sequences") ActionSequence<World> actions) {
        super.ledgerSpendingOldestFirstAgreesWithModel(actions);
    }

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshPartitionedPostgres());
    }
}
