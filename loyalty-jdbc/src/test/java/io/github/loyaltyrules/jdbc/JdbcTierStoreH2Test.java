package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.contract.TierStoreContract;
import io.github.loyaltyrules.tier.spi.TierActivity;
import io.github.loyaltyrules.tier.spi.TierCommitResult;
import io.github.loyaltyrules.tier.spi.TierState;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The JDBC tier store keeps the tier store contract on H2, and its key constraint holds on its own. */
class JdbcTierStoreH2Test extends TierStoreContract {

    @Override
    protected TierStore newStore() {
        return JdbcTierStore.of(Databases.freshH2());
    }

    @Test
    void anActivityKeyStoredForTheMemberAlreadyIsRejectedEvenAtTheRightVersion() {
        TierStore store = newStore();
        MemberId m = MemberId.of("m");
        Instant t = Instant.parse("2026-03-01T10:00:00Z");
        TierActivity a = new TierActivity("spend:EUR", 100, t, t, t, IdempotencyKey.of("k"), null);
        TierState v1 = new TierState(m, 1, LocalDate.of(2026, 3, 1), t, "Insider", "Insider", "Insider", null,
                List.of(a), List.of(), List.of());
        TierState v2 = new TierState(m, 2, LocalDate.of(2026, 3, 1), t, "Insider", "Insider", "Insider", null,
                List.of(a, a), List.of(), List.of());

        assertThat(store.replace(v1, a)).isEqualTo(TierCommitResult.APPLIED);
        assertThat(store.replace(v2, a)).isEqualTo(TierCommitResult.DUPLICATE_KEY);
        assertThat(store.state(m)).contains(v1);
    }
}
