package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.jdbc.StatementFaultDataSource.Mode;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.PostingRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every round trip of a posting can fail: for earn, redeem, reverse and a linked batch of two
 * requests, the k-th statement or commit is failed, for every k until the operation needs no more,
 * and separately the k-th commit's reply is lost. Each time the database is as before the
 * operation (or, for a lost reply, as after it), a retry with the same keys completes it exactly
 * once, and the end state equals a run without faults. On H2 always, on PostgreSQL when configured.
 */
class JdbcFaultAtEveryStatementTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    /** What is run; an earn on a store that keeps no working sets reads before it writes. */
    enum Op { EARN, EARN_UNCACHED, REDEEM, REVERSE, BATCH }

    static Stream<Arguments> cases() {
        return Databases.faultCases("every-statement", Op.values());
    }

    /** What a test reads of a member to tell two states apart. */
    record State(Balance balance, List<Entry> statement, List<Lot> lots, boolean posted) {
    }

    private static Ledger ledger(javax.sql.DataSource ds) {
        return ledger(ds, new ArrayList<>(), Op.EARN);
    }

    /**
     * A ledger whose listener adds the key of every posting it hears of to {@code posted}; its store
     * keeps working sets (not compared with the database's, which would cost a round trip) unless
     * the operation is {@link Op#EARN_UNCACHED}.
     */
    private static Ledger ledger(javax.sql.DataSource ds, List<String> posted, Op op) {
        JdbcLedgerStore store = op == Op.EARN_UNCACHED ? JdbcLedgerStore.of(ds).withWorkingSetCache(0)
                : JdbcLedgerStore.of(ds).withWorkingSetCache(JdbcLedgerStore.DEFAULT_CACHE, false);
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC))
                .currency(PTS).store(store).listener(e -> {
                    if (e instanceof io.github.loyaltyrules.ledger.LedgerEvent.Posted p) {
                        posted.add(p.posting().key().value());
                    }
                }).build();
    }

    private static State state(Ledger ledger, MemberId m, Op op) {
        return new State(ledger.balance(m, PTS), ledger.statement(m), ledger.lots(m, PTS),
                ledger.posting(key(m, op, 0)).isPresent());
    }

    private static IdempotencyKey key(MemberId m, Op op, int i) {
        return IdempotencyKey.of(m.value() + "/" + op + "/" + i);
    }

    private static void setUp(Ledger ledger, MemberId m) {
        ledger.enrol(m, T0.minusSeconds(60));
        ledger.earn(m, PTS.points(100), T0, IdempotencyKey.of(m.value() + "/earn"), "first");
        ledger.redeem(m, PTS.points(30), T0, IdempotencyKey.of(m.value() + "/redeem"), "coffee");
    }

    private static List<Posting> run(Ledger ledger, MemberId m, Op op) {
        return switch (op) {
            case EARN, EARN_UNCACHED -> List.of(ledger.earn(m, PTS.points(20), T0, key(m, op, 0), "visit"));
            case REDEEM -> List.of(ledger.redeem(m, PTS.points(25), T0, key(m, op, 0), "cake"));
            case REVERSE -> List.of(ledger.reverse(m, IdempotencyKey.of(m.value() + "/redeem"), T0, key(m, op, 0),
                    "refund"));
            case BATCH -> ledger.post(List.of(
                    new PostingRequest.Earn(m, PTS.points(5), T0, key(m, op, 0), "order"),
                    new PostingRequest.Redeem(m, PTS.points(10), T0, key(m, op, 1), "order")));
        };
    }

    /** The amounts and types of a statement, which do not depend on the member's id. */
    private static List<String> shape(List<Entry> statement) {
        List<String> out = new ArrayList<>();
        for (Entry e : statement) {
            out.add(e.sequence() + " " + e.type() + " " + e.amount() + " " + e.heldDelta() + " " + e.debtDelta() + " "
                    + e.lots());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}: {2}, {3}")
    @MethodSource("cases")
    void aFaultAtAnyRoundTripChangesNothingOrEverythingAndARetryCompletesItOnce(String db, String url, Op op,
            Mode mode) {
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        String run = db + "-" + op + "-" + mode + "-";
        MemberId clean = MemberId.of(run + "clean");
        Ledger reference = ledger(ds);
        setUp(reference, clean);
        run(reference, clean, op);
        State expected = state(reference, clean, op);

        int faults = 0;
        for (int k = 1; k < 100; k++) {
            MemberId m = MemberId.of(run + k);
            List<String> posted = new ArrayList<>();
            Ledger ledger = ledger(ds, posted, op);
            setUp(ledger, m);
            State before = state(ledger, m, op);
            ds.arm(k, mode);
            List<Posting> first = null;
            RuntimeException failure = null;
            try {
                first = run(ledger, m, op);
            } catch (RuntimeException e) {
                failure = e;
            }
            boolean fired = ds.fired();
            ds.disarm();
            if (!fired) {
                // the operation needed fewer than k round trips: it ran clean, and so is done
                assertThat(failure).isNull();
                assertThat(shape(state(ledger, m, op).statement())).isEqualTo(shape(expected.statement()));
                break;
            }
            faults++;
            State after = state(ledger, m, op);
            if (mode == Mode.FAIL) {
                assertThat(failure).as("k=%d", k).isInstanceOf(JdbcStoreException.class);
                assertThat(after).as("k=%d: nothing changed", k).isEqualTo(before);
            } else {
                // the commit went through: the ledger finds its postings and returns them, as a retry would
                assertThat(failure).as("k=%d: a lost reply to a commit that landed", k).isNull();
                assertThat(after.posted()).as("k=%d: the commit went through", k).isTrue();
                assertThat(after.balance().total()).isEqualTo(expected.balance().total());
                assertThat(first).as("k=%d: what the landed commit wrote", k).isEqualTo(run(ledger, m, op));
            }
            List<Posting> retried = run(ledger, m, op);
            assertThat(run(ledger, m, op)).as("k=%d: a second retry returns the same", k).isEqualTo(retried);
            State end = state(ledger, m, op);
            assertThat(end.balance().total()).isEqualTo(expected.balance().total());
            assertThat(end.balance().available()).isEqualTo(expected.balance().available());
            assertThat(shape(end.statement())).as("k=%d: as a clean run", k).isEqualTo(shape(expected.statement()));
            assertThat(end.lots()).hasSameSizeAs(expected.lots());
            for (int i = 0; i < end.lots().size(); i++) {
                assertThat(end.lots().get(i).remaining()).isEqualTo(expected.lots().get(i).remaining());
            }
            List<String> keys = new ArrayList<>();
            for (Posting p : retried) {
                keys.add(p.key().value());
            }
            assertThat(posted.subList(2, posted.size())).as("k=%d: each posting heard of once", k)
                    .containsExactlyElementsOf(keys);
        }
        boolean oneStatement = db.equals("postgres") && op == Op.EARN;
        assertThat(faults).as("faults injected").isGreaterThanOrEqualTo(mode == Mode.FAIL && !oneStatement ? 2 : 1);
        if (db.equals("postgres") && mode == Mode.FAIL && op == Op.EARN_UNCACHED) {
            // one statement reads the key and the working set, one writes the whole commit and commits
            assertThat(faults).as("round trips of an earn on PostgreSQL").isEqualTo(2);
        }
        if (db.equals("postgres") && mode == Mode.FAIL && op == Op.EARN) {
            // the store kept the member's working set: one statement writes the commit, checks the key and commits
            assertThat(faults).as("round trips of an earn of a member posted to before, on PostgreSQL").isEqualTo(1);
        }
    }
}
