package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.tier.contract.TierStoreContract;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** The JDBC tier store keeps the tier store contract on a real PostgreSQL server. */
@EnabledIfEnvironmentVariable(named = Databases.PG_URL, matches = ".+")
class JdbcTierStorePostgresTest extends TierStoreContract {

    @Override
    protected TierStore newStore() {
        return JdbcTierStore.of(Databases.freshPostgres());
    }

    /** The property runs under jqwik, which does not read JUnit's conditions: it checks the server itself. */
    @Override
    @Property(tries = 15)
    public void behavesExactlyAsTheInMemoryStore(@ForAll("steps") List<Step> steps, @ForAll boolean retention,
            @ForAll boolean softLanding) {
        if (Databases.postgresAvailable()) {
            super.behavesExactlyAsTheInMemoryStore(steps, retention, softLanding);
        }
    }
}
