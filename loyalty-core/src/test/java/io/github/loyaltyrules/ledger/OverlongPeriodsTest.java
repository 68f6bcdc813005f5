package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.tier.InvalidLadderException;
import io.github.loyaltyrules.tier.TierLadder;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Holds, expiry terms, inactivity periods, grace periods and expiry horizons are at most 1200
 * years: a billion-year period was accepted and then made every posting throw DateTimeException.
 */
class OverlongPeriodsTest {

    static final Period BILLION_YEARS = Period.ofYears(1_000_000_000);
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);

    @Test
    void overlongPeriodsAreRefusedWhenGiven() {
        assertThatThrownBy(() -> PTS.withHold(BILLION_YEARS)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("hold period of currency PTS must be at most 1200 years; got P1000000000Y");
        assertThatThrownBy(() -> ExpiryPolicy.afterTerm(BILLION_YEARS)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("expiry term must be at most 1200 years; got P1000000000Y");
        assertThatThrownBy(() -> ExpiryPolicy.never().withInactivity(Period.ofMonths(1200 * 12 + 1)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most 1200 years");
        assertThatThrownBy(() -> TierLadder.builder().gracePeriod(BILLION_YEARS))
                .isInstanceOf(InvalidLadderException.class).hasMessageContaining("P1000000000Y");
        assertThatThrownBy(() -> TierLadder.builder().gracePeriod(Period.ofDays(-1)))
                .isInstanceOf(InvalidLadderException.class).hasMessageContaining("negative");
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).build();
        assertThatThrownBy(() -> ledger.expiring(PTS, BILLION_YEARS)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("P1000000000Y");
    }

    @Test
    void twelveHundredYearsWorkFromTheLastBusinessTime() {
        Period longest = Period.ofYears(1200);
        PointCurrency held = PTS.withHold(longest).withExpiry(ExpiryPolicy.afterTerm(longest).withInactivity(longest));
        Instant last = Instant.parse("9999-12-31T23:59:59Z");
        Ledger ledger = Ledger.builder().zone(ZoneOffset.ofHours(14)).clock(Clock.fixed(last, ZoneOffset.UTC))
                .currency(held).build();
        MemberId ann = MemberId.of("ann");
        ledger.enrol(ann, last);
        ledger.earn(ann, held.points(5), last, IdempotencyKey.of("k"), "x");
        assertThat(ledger.balance(ann, held).total()).isEqualTo(5);
        assertThat(ledger.expiring(held, longest)).isEmpty();
    }
}
