package io.github.loyaltyrules.benchmarks.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import java.sql.SQLException;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The locking benchmarks' postings, written with bare statements, are row for row those the
 * ledger writes: the store reads them back as the same books, lots, postings and entries, the
 * ledger replays their keys, and goes on from them.
 */
class RowPostingTest {

    private static final Points TEN = JdbcFixtures.PTS.points(10);

    @Test
    void bareStatementPostingsAreTheLedgersOwn() throws SQLException {
        try (ConnectionPool pool = ConnectionPool.of(JdbcFixtures.freshH2Url(), 2)) {
            JdbcFixtures.reset(pool);
            JdbcLedgerStore store = JdbcLedgerStore.of(pool);
            Ledger ledger = JdbcFixtures.ledger(store);
            MemberId a = JdbcFixtures.enrol(ledger, "ledger", 1)[0];
            MemberId b = JdbcFixtures.enrol(pool, "rows", 1)[0];
            LedgerStoreView view = new LedgerStoreView(store, a, b);
            LongAdder stale = new LongAdder();

            for (int i = 0; i < 5; i++) {
                IdempotencyKey ka = key(a, i);
                if (i % 2 == 0) {
                    ledger.earn(a, TEN, JdbcFixtures.T0, ka, "earn");
                } else {
                    ledger.redeem(a, TEN, JdbcFixtures.T0, ka, "redeem");
                }
                if (i % 3 == 0) {
                    RowPosting.optimistic(pool, b.value(), key(b, i).value(), stale);
                } else {
                    RowPosting.locked(pool, b.value(), key(b, i).value());
                }
                view.assertSame();
                assertThat(view.b(store.posting(b, key(b, i)).orElseThrow()))
                        .isEqualTo(store.posting(a, ka).orElseThrow().toString());
            }
            assertThat(stale.sum()).isZero();
            assertThat(JdbcFixtures.lotRows(pool, b)).containsExactly(1, 3);

            // the ledger replays a key of the bare statements as its own posting ...
            Posting replayed = ledger.earn(b, TEN, JdbcFixtures.T0, key(b, 4), "earn");
            assertThat(replayed).isEqualTo(store.posting(b, key(b, 4)).orElseThrow());
            view.assertSame();
            // ... and goes on from them, as the statements go on from the ledger's postings
            ledger.redeem(a, TEN, JdbcFixtures.T0, key(a, 5), "redeem");
            ledger.redeem(b, TEN, JdbcFixtures.T0, key(b, 5), "redeem");
            view.assertSame();
            RowPosting.locked(pool, a.value(), key(a, 6).value());
            RowPosting.optimistic(pool, b.value(), key(b, 6).value(), stale);
            view.assertSame();
            assertThat(ledger.balance(b, JdbcFixtures.PTS).total()).isEqualTo(10);
        }
    }

    private static IdempotencyKey key(MemberId m, int i) {
        return IdempotencyKey.of(m.value() + "-k" + i);
    }

    /** Compares what the store reads of member b with what it reads of member a, b's id read as a's. */
    private record LedgerStoreView(JdbcLedgerStore store, MemberId a, MemberId b) {

        String b(Object read) {
            return read.toString().replace(b.value(), a.value());
        }

        void assertSame() {
            assertThat(b(store.book(b).orElseThrow())).isEqualTo(store.book(a).orElseThrow().toString());
            assertThat(b(store.lots(b, JdbcFixtures.PTS.code()))).isEqualTo(store.lots(a, JdbcFixtures.PTS.code()).toString());
            assertThat(b(store.entries(b))).isEqualTo(store.entries(a).toString());
        }
    }
}
