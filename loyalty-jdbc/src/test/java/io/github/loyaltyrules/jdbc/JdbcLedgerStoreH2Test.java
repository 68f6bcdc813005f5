package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.contract.LedgerStoreContract;
import org.junit.jupiter.api.Test;

/** The JDBC store keeps the store contract on H2. */
class JdbcLedgerStoreH2Test extends LedgerStoreContract {

    @Override
    protected LedgerStore newStore() {
        return JdbcLedgerStore.of(Databases.freshH2());
    }

    @Test
    void migratingTwiceAppliesNothingTheSecondTime() {
        JdbcLedgerStore s = JdbcLedgerStore.of(Databases.h2("migrate-twice"));
        assertThat(s.migrate()).isEqualTo(JdbcLedgerStore.migrationScripts().size());
        assertThat(s.migrate()).isZero();
        assertThat(JdbcLedgerStore.migrationScripts())
                .containsExactly("V1__ledger.sql", "V2__quotas.sql", "V3__tiers.sql", "V4__program.sql", "V5__ledger_v2.sql",
                        "V6__quota_draws.sql", "V7__lot_spending_order.sql", "V8__program_record_privacy.sql",
                        "V9__posting_counterparty.sql", "V10__change_feed.sql", "V11__program_record_time.sql",
                        "V12__redemption_tie.sql", "V13__lot_oldest_first.sql",
                        "V14__purse_expiry_hold.sql", "V15__program_record_columns.sql", "V16__typed_times.sql",
                        "V17__challenges.sql", "V18__expiry_entry_name.sql",
                        "V19__expiry_hold_history.sql", "V20__challenge_badges.sql");
    }
}
