package io.github.loyaltyrules.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException;
import io.github.loyaltyrules.ledger.MemberId;
import org.junit.jupiter.api.Test;

/** The benchmarks' fast enrolment writes the member rows the ledger writes, and their history is what it says. */
class JdbcFixturesTest {

    @Test
    void membersEnrolledAsRowsAreTheLedgersOwn() {
        try (ConnectionPool pool = ConnectionPool.of(JdbcFixtures.freshH2Url(), 2)) {
            JdbcFixtures.reset(pool);
            JdbcLedgerStore store = JdbcLedgerStore.of(pool);
            Ledger ledger = JdbcFixtures.ledger(store);
            MemberId viaLedger = JdbcFixtures.enrol(ledger, "ledger", 1)[0];
            MemberId[] asRows = JdbcFixtures.enrol(pool, "rows", 2_500);

            assertThat(asRows).hasSize(2_500);
            assertThat(store.members(null, 10_000)).hasSize(2_501);
            for (MemberId m : new MemberId[] {asRows[0], asRows[1_000], asRows[2_499]}) {
                assertThat(store.book(m).orElseThrow().toString().replace(m.value(), viaLedger.value()))
                        .isEqualTo(store.book(viaLedger).orElseThrow().toString());
                assertThatThrownBy(() -> ledger.enrol(m, JdbcFixtures.T0)).isInstanceOf(MemberAlreadyEnrolledException.class);
            }
            ledger.earn(asRows[7], JdbcFixtures.PTS.points(10), JdbcFixtures.T0, JdbcFixtures.key("k", 0), "earn");
            assertThat(ledger.balance(asRows[7], JdbcFixtures.PTS).total()).isEqualTo(10);
            assertThat(JdbcFixtures.lotRows(pool, asRows[7])).containsExactly(1, 1);
        }
    }

    @Test
    void aHistoryAlternatesEarnsAndRedemptionsLeavingOneOpenLotAtMost() {
        try (ConnectionPool pool = ConnectionPool.of(JdbcFixtures.freshH2Url(), 2)) {
            JdbcFixtures.reset(pool);
            JdbcLedgerStore store = JdbcLedgerStore.of(pool);
            Ledger ledger = JdbcFixtures.ledger(store);
            MemberId[] m = JdbcFixtures.enrol(ledger, "h", 2);

            JdbcFixtures.history(ledger, m[0], 250);
            JdbcFixtures.history(ledger, m[1], 201);

            assertThat(JdbcFixtures.lotRows(pool, m[0])).containsExactly(0, 125);
            assertThat(JdbcFixtures.lotRows(pool, m[1])).containsExactly(1, 101);
            assertThat(ledger.balance(m[0], JdbcFixtures.PTS).total()).isZero();
            assertThat(ledger.balance(m[1], JdbcFixtures.PTS).total()).isEqualTo(10);
            assertThat(store.entries(m[0])).hasSize(250);
            assertThat(store.entries(m[1])).hasSize(201);
        }
    }
}
