package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The idempotency window: what is refused before it, what a retry within it returns, and what memory forgets. */
class IdempotencyWindowTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final MemberId ANN = MemberId.of("ann");

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final MovingClock clock = new MovingClock(T0);

    private Ledger ledger(Duration window, PointCurrency currency) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(clock).currency(currency)
                .idempotencyWindow(window).build();
        ledger.enrol(ANN, T0);
        return ledger;
    }

    @Test
    void theDefaultWindowIsFourHundredDays() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(clock).currency(PTS).build();
        assertThat(ledger.idempotencyWindow()).isEqualTo(Duration.ofDays(400));
        assertThat(ledger.horizon()).isEqualTo(T0.minus(Duration.ofDays(400)));
    }

    @Test
    void aWindowOutOfRangeIsRefusedByTheBuilder() {
        for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofSeconds(59), Duration.ofDays(36_526))) {
            assertThatThrownBy(() -> Ledger.builder().idempotencyWindow(bad))
                    .isInstanceOf(InvalidRequestException.class).hasMessageContaining("idempotency window")
                    .hasMessageContaining(bad.toString());
        }
        assertThatThrownBy(() -> Ledger.builder().idempotencyWindow(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPostingDatedBeforeTheWindowIsRefusedAndChangesNothing() {
        Ledger ledger = ledger(Duration.ofDays(30), PTS);
        ledger.earn(ANN, PTS.points(50), T0, IdempotencyKey.of("e1"), "purchase");
        clock.advance(Duration.ofDays(31));
        // time alone makes the store forget what is past the window; this posting lets it
        ledger.earn(ANN, PTS.points(1), clock.instant(), IdempotencyKey.of("e2"), "purchase");
        Balance before = ledger.balance(ANN, PTS);
        List<Entry> statement = ledger.statement(ANN);
        // the very retry of e1: its key may be forgotten, so it is refused rather than posted again
        assertThatThrownBy(() -> ledger.earn(ANN, PTS.points(50), T0, IdempotencyKey.of("e1"), "purchase"))
                .isInstanceOf(OutsideWindowException.class).hasMessageContaining(T0.toString())
                .hasMessageContaining("30 days");
        assertThatThrownBy(() -> ledger.redeem(ANN, PTS.points(5), T0.plusSeconds(60), IdempotencyKey.of("r1"), "x"))
                .isInstanceOf(OutsideWindowException.class);
        assertThat(ledger.balance(ANN, PTS)).isEqualTo(before);
        assertThat(ledger.statement(ANN)).isEqualTo(statement);
        assertThat(ledger.posting(IdempotencyKey.of("r1"))).isEmpty();
    }

    @Test
    void aRetryWithinTheWindowReturnsTheFirstPosting() {
        Ledger ledger = ledger(Duration.ofDays(30), PTS);
        Posting first = ledger.earn(ANN, PTS.points(50), T0, IdempotencyKey.of("e1"), "purchase");
        clock.advance(Duration.ofDays(29));
        assertThat(ledger.earn(ANN, PTS.points(50), T0, IdempotencyKey.of("e1"), "purchase")).isEqualTo(first);
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(50);
    }

    @Test
    void memoryForgetsKeysEntriesSpentLotsAndClosedReservationsOlderThanTheWindow() {
        Ledger ledger = ledger(Duration.ofDays(30), PTS);
        ledger.earn(ANN, PTS.points(50), T0, IdempotencyKey.of("e1"), "purchase");
        ledger.redeem(ANN, PTS.points(50), T0.plusSeconds(10), IdempotencyKey.of("r1"), "reward");
        ledger.earn(ANN, PTS.points(20), T0.plusSeconds(20), IdempotencyKey.of("e2"), "purchase");
        ledger.reserve(ANN, PTS.points(5), Duration.ofMinutes(10), T0.plusSeconds(30), IdempotencyKey.of("h1"), "till");
        ledger.release(ANN, IdempotencyKey.of("h1"), T0.plusSeconds(40), IdempotencyKey.of("h1/release"));
        assertThat(ledger.lots(ANN, PTS)).hasSize(2);

        clock.advance(Duration.ofDays(45));
        Instant now = clock.instant();
        ledger.earn(ANN, PTS.points(7), now, IdempotencyKey.of("e3"), "purchase");

        assertThat(ledger.posting(IdempotencyKey.of("e1"))).isEmpty();
        assertThat(ledger.posting(IdempotencyKey.of("r1"))).isEmpty();
        assertThat(ledger.posting(IdempotencyKey.of("e3"))).isPresent();
        // the spent lot of e1 is forgotten; e2's lot is open and stays
        assertThat(ledger.lots(ANN, PTS)).extracting(Lot::source)
                .containsExactly(IdempotencyKey.of("e2"), IdempotencyKey.of("e3"));
        assertThat(ledger.statement(ANN)).extracting(Entry::posting).containsExactly(IdempotencyKey.of("e3"));
        assertThat(ledger.reservation(ANN, IdempotencyKey.of("h1"))).isEmpty();
        // the totals do not change for what was forgotten
        Balance b = ledger.balance(ANN, PTS);
        assertThat(b.total()).isEqualTo(27);
        assertThat(b.available()).isEqualTo(27);
        // a reversal of a forgotten posting is refused as unknown; of a recent one it works
        assertThatThrownBy(() -> ledger.reverse(ANN, IdempotencyKey.of("e2"), now, IdempotencyKey.of("v1"), "return"))
                .isInstanceOf(UnknownPostingException.class);
        ledger.reverse(ANN, IdempotencyKey.of("e3"), now, IdempotencyKey.of("v2"), "return");
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(20);
        // a key forgotten with its posting can be used again for a new request
        ledger.earn(ANN, PTS.points(3), now, IdempotencyKey.of("e1"), "purchase");
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(23);
    }

    @Test
    void anAsOfBalanceWithinTheWindowIsExactAndOneBeforeItIsRefusedOnceHistoryIsForgotten() {
        Ledger ledger = ledger(Duration.ofDays(30), PTS.withExpiry(ExpiryPolicy.afterTerm(Period.ofDays(60))));
        PointCurrency pts = ledger.currency("PTS");
        ledger.earn(ANN, pts.points(50), T0, IdempotencyKey.of("e1"), "purchase");
        ledger.redeem(ANN, pts.points(30), T0.plusSeconds(10), IdempotencyKey.of("r1"), "reward");
        clock.advance(Duration.ofDays(20));
        ledger.earn(ANN, pts.points(20), clock.instant(), IdempotencyKey.of("e2"), "purchase");
        Instant mid = clock.instant().plusSeconds(1);
        clock.advance(Duration.ofDays(20));
        ledger.redeem(ANN, pts.points(25), clock.instant(), IdempotencyKey.of("r2"), "reward");
        // the first earn and redeem are now before the window and forgotten
        assertThat(ledger.posting(IdempotencyKey.of("e1"))).isEmpty();
        Balance atMid = ledger.balance(ANN, pts, mid);
        assertThat(atMid.total()).isEqualTo(40);
        assertThat(atMid.available()).isEqualTo(40);
        assertThat(ledger.balance(ANN, pts, clock.instant())).isEqualTo(ledger.balance(ANN, pts));
        assertThatThrownBy(() -> ledger.balance(ANN, pts, T0.plusSeconds(5)))
                .isInstanceOf(OutsideWindowException.class).hasMessageContaining("no longer keeps");
    }
}
