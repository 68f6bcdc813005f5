package io.github.loyaltyrules.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.OutsideWindowException;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.report.contract.ScriptedYear;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** A report request with a missing, backwards or unknown part is refused with the library's exceptions. */
class ReportRequestsTest {

    private static final PointCurrency PTS = ScriptedYear.PTS;
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    private final Ledger ledger = ScriptedYear.ledger(LedgerStore.inMemory());

    @Test
    void aMissingPartIsRefusedByName() {
        assertThatThrownBy(() -> ledger.activity(null, T0, T0.plusSeconds(1))).isInstanceOf(NullPointerException.class)
                .hasMessage("currency must not be null");
        assertThatThrownBy(() -> ledger.activity(PTS, null, T0)).isInstanceOf(NullPointerException.class)
                .hasMessage("from must not be null");
        assertThatThrownBy(() -> ledger.activity(PTS, T0, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("to must not be null");
        assertThatThrownBy(() -> ledger.activityByMonth(PTS, null, YearMonth.of(2026, 1)))
                .isInstanceOf(NullPointerException.class).hasMessage("first month must not be null");
        assertThatThrownBy(() -> ledger.liability(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aPeriodThatDoesNotRunForwardsIsRefused() {
        assertThatThrownBy(() -> ledger.activity(PTS, T0, T0)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("a report period must end after it starts; got from " + T0 + " to " + T0);
        assertThatThrownBy(() -> ledger.activity(PTS, T0.plusSeconds(1), T0)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> ledger.activityByMonth(PTS, YearMonth.of(2026, 2), YearMonth.of(2026, 1)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("2026-02 to 2026-01");
        assertThatThrownBy(() -> ledger.activityByMonth(PTS, YearMonth.of(2000, 1), YearMonth.of(2100, 1)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 1200");
        assertThatThrownBy(() -> ledger.activity(PTS, Instant.MIN, T0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("years 1 to 9999");
        assertThatThrownBy(() -> ledger.activityByMonth(PTS, YearMonth.of(9999, 12), YearMonth.of(9999, 12)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("years 1 to 9999");
    }

    @Test
    void aCurrencyTheLedgerDoesNotHaveIsRefused() {
        PointCurrency miles = PointCurrency.of("MILES", "Miles", 0);
        assertThatThrownBy(() -> ledger.activity(miles, T0, T0.plusSeconds(1)))
                .isInstanceOf(UnknownCurrencyException.class).hasMessageContaining("MILES");
        assertThatThrownBy(() -> ledger.liability(miles)).isInstanceOf(UnknownCurrencyException.class);
        assertThatThrownBy(() -> ledger.activityByMonth(miles, YearMonth.of(2026, 1), YearMonth.of(2026, 1)))
                .isInstanceOf(UnknownCurrencyException.class);
    }

    @Test
    void memoryRefusesAPeriodReachingBeforeTheWindowOnceItHasForgottenEntries() {
        LedgerStore store = LedgerStore.inMemory();
        MemberId ann = MemberId.of("ann");
        Ledger then = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .idempotencyWindow(Duration.ofDays(30)).store(store).build();
        then.enrol(ann, T0);
        then.earn(ann, PTS.points(50), T0, IdempotencyKey.of("e1"), "purchase");
        assertThat(then.activity(PTS, T0.minus(Duration.ofDays(1)), T0.plusSeconds(1)).earned()).isEqualTo(50);

        Instant later = T0.plus(Duration.ofDays(31));
        Ledger now = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(later, ZoneOffset.UTC)).currency(PTS)
                .idempotencyWindow(Duration.ofDays(30)).store(store).build();
        now.earn(ann, PTS.points(7), later, IdempotencyKey.of("e2"), "purchase"); // lets the store forget e1
        assertThatThrownBy(() -> now.activity(PTS, T0.minus(Duration.ofDays(1)), later))
                .isInstanceOf(OutsideWindowException.class).hasMessageContaining("idempotency window");
        ActivityReport recent = now.activity(PTS, now.horizon(), later.plusSeconds(1));
        assertThat(recent.earned()).isEqualTo(7);
        assertThat(recent.openingLiability()).isEqualTo(50);
        assertThat(recent.closingLiability()).isEqualTo(57);
    }
}
