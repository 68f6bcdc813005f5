package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.jdbc.StatementFaultDataSource.Mode;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every round trip of an expiry hold or lift can fail: the k-th statement or commit is failed, for
 * every k until the operation needs no more, and separately the k-th commit's reply is lost. Each
 * time the member is as before (or, for a lost reply, as after), a retry completes it exactly once
 * (a second retry changes nothing), and the end state equals a run without faults. On H2 always, on
 * PostgreSQL when configured.
 */
class JdbcExpiryHoldFaultTest {

    static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    static final Instant ENDED = Instant.parse("2027-09-01T00:00:00Z");
    static final ExpiryPolicy AFTER = ExpiryPolicy.afterTerm(Period.ofMonths(24));

    enum Op { HOLD, LIFT }

    static Stream<Arguments> cases() {
        return Databases.faultCases("expiry-hold-faults", Op.values());
    }

    /**
     * What a test reads of a member to tell two states apart: since when held, each lot's amount and date,
     * and the ended holds kept as history.
     */
    record State(Instant heldSince, List<String> lots, List<String> ended) {
    }

    private static Ledger ledger(LedgerStore store) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(MILES)
                .store(store).build();
    }

    private static State state(LedgerStore store, Ledger ledger, MemberId m) {
        Purse purse = store.book(m).orElseThrow().purses().get("MILES");
        List<String> lots = new ArrayList<>();
        for (Lot lot : ledger.lots(m, MILES)) {
            lots.add(lot.remaining() + "@" + lot.expiresAt());
        }
        List<String> ended = new ArrayList<>();
        for (var hold : store.liftedHolds(m, "MILES")) {
            ended.add(hold.since() + ".." + hold.endedAt() + (hold.inactivityRestarted() ? " restarted" : ""));
        }
        return new State(purse == null ? null : purse.expiryHeldSince(), lots, ended);
    }

    private static void setUp(Ledger ledger, MemberId m, Op op) {
        ledger.enrol(m, T0);
        ledger.earn(m, MILES.points(100), T0, IdempotencyKey.of(m.value() + "/f1"), "flight");
        ledger.earn(m, MILES.points(50), T0.plusSeconds(86_400 * 30), IdempotencyKey.of(m.value() + "/f2"), "flight");
        if (op == Op.LIFT) {
            ledger.holdExpiry(m, MILES, T0.plusSeconds(86_400 * 60));
        }
    }

    private static boolean run(Ledger ledger, MemberId m, Op op) {
        return op == Op.HOLD ? ledger.holdExpiry(m, MILES, T0.plusSeconds(86_400 * 60))
                : ledger.liftExpiryHold(m, MILES, ENDED, AFTER);
    }

    @ParameterizedTest(name = "{0}: {2}, {3}")
    @MethodSource("cases")
    void aFaultAtAnyRoundTripChangesNothingOrEverythingAndARetryCompletesItOnce(String db, String url, Op op,
            Mode mode) {
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        LedgerStore store = JdbcLedgerStore.of(ds);
        Ledger ledger = ledger(store);
        String run = db + "-" + op + "-" + mode + "-";
        MemberId clean = MemberId.of(run + "clean");
        setUp(ledger, clean, op);
        assertThat(run(ledger, clean, op)).isTrue();
        State expected = state(store, ledger, clean);
        if (op == Op.LIFT) {
            assertThat(expected.lots()).as("the lift gave both lots the new date")
                    .containsExactly("100@2029-09-02T00:00:00Z", "50@2029-09-02T00:00:00Z");
            assertThat(expected.ended()).as("the lift kept the hold that ended").hasSize(1);
        } else {
            assertThat(expected.heldSince()).isEqualTo(T0.plusSeconds(86_400 * 60));
        }

        int faults = 0;
        for (int k = 1; k < 100; k++) {
            MemberId m = MemberId.of(run + k);
            setUp(ledger, m, op);
            State before = state(store, ledger, m);
            ds.arm(k, mode);
            Boolean first = null;
            RuntimeException failure = null;
            try {
                first = run(ledger, m, op);
            } catch (RuntimeException e) {
                failure = e;
            }
            boolean fired = ds.fired();
            ds.disarm();
            if (!fired) {
                assertThat(failure).isNull();
                assertThat(first).isTrue();
                assertThat(state(store, ledger, m)).isEqualTo(expected);
                break;
            }
            faults++;
            if (mode == Mode.FAIL) {
                assertThat(failure).as("k=%d", k).isInstanceOf(JdbcStoreException.class);
                assertThat(state(store, ledger, m)).as("k=%d: nothing changed", k).isEqualTo(before);
                assertThat(run(ledger, m, op)).as("k=%d: the retry applies it", k).isTrue();
            } else {
                assertThat(failure).as("k=%d: a lost reply to a commit that landed", k).isNull();
                assertThat(first).as("k=%d: the landed commit counts as applied", k).isTrue();
            }
            assertThat(run(ledger, m, op)).as("k=%d: a further retry changes nothing", k).isFalse();
            assertThat(state(store, ledger, m)).as("k=%d: as a clean run", k).isEqualTo(expected);
        }
        assertThat(faults).as("faults injected").isGreaterThanOrEqualTo(1);
    }
}
