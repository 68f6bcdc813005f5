package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.CalendarPeriod;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.spi.MemberRecord;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Usage limits as values: validated, one per count, and the periods their uses are counted in. */
class UsageLimitTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Reward COFFEE = Reward.of("coffee", "Free coffee", PTS.points(100));

    @Test
    void aLimitAllowsAtLeastOneUseAndOnlyAPeriodHasAnAnchor() {
        assertThatThrownBy(() -> UsageLimit.perMember(0, CalendarPeriod.MONTH))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("a usage limit must allow a positive number of uses; got 0");
        assertThatThrownBy(() -> UsageLimit.overall(5).startingOn(MonthDay.of(10, 1)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("a usage limit without a period has no anchor; got --10-01");
    }

    @Test
    void aLimitCountsUsesInThePeriodOfTheDate() {
        UsageLimit programYear = UsageLimit.perMember(5, CalendarPeriod.YEAR).startingOn(MonthDay.of(10, 1));
        assertThat(programYear.countOn(LocalDate.of(2026, 9, 30))).isEqualTo("YEAR --10-01 2025-10-01");
        assertThat(programYear.countOn(LocalDate.of(2026, 10, 1))).isEqualTo("YEAR --10-01 2026-10-01");
        assertThat(UsageLimit.overall(3).countOn(LocalDate.of(2026, 10, 1))).isEmpty();
        assertThat(programYear).hasToString("5 per member per YEAR starting --10-01");
    }

    @Test
    void aRewardHasOneLimitPerCountAndTheLifetimeOneIsItsPerMemberLimit() {
        Reward r = COFFEE.withLimit(UsageLimit.perMember(2, CalendarPeriod.MONTH))
                .withLimit(UsageLimit.perMember(3, CalendarPeriod.MONTH)).withLimit(UsageLimit.perMember(9));
        assertThat(r.perMemberLimit()).isEqualTo(9);
        assertThat(r.usageLimits()).containsExactly(UsageLimit.perMember(3, CalendarPeriod.MONTH));
        assertThat(COFFEE.withLimit(UsageLimit.overall(5)).withLimit(UsageLimit.perMember(1, CalendarPeriod.YEAR)))
                .isEqualTo(COFFEE.withLimit(UsageLimit.perMember(1, CalendarPeriod.YEAR)).withLimit(UsageLimit.overall(5)));
        assertThat(r.limits()).containsExactly(UsageLimit.perMember(9), UsageLimit.perMember(3, CalendarPeriod.MONTH));
        assertThat(COFFEE.limits()).isEmpty();
        assertThat(r.forTiers(Set.of("Gold")).usageLimits()).isEqualTo(r.usageLimits());

        assertThatThrownBy(() -> new Reward("coffee", "Free coffee", PTS.points(100), COFFEE.availableFrom(),
                COFFEE.availableUntil(), Set.of(), 1, List.of(UsageLimit.overall(2), UsageLimit.overall(3))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("reward coffee has usage limits 2 overall and 3 overall; give each count one limit");
        assertThatThrownBy(() -> new Reward("coffee", "Free coffee", PTS.points(100), COFFEE.availableFrom(),
                COFFEE.availableUntil(), Set.of(), 1, List.of(UsageLimit.perMember(2))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("reward coffee has usage limit 2 per member for as long as it exists; that is its"
                        + " per-member limit");
        assertThatThrownBy(() -> Reward.of("x".repeat(301), "Long", PTS.points(1)).withLimit(UsageLimit.overall(1)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("reward id of 301 characters is too long for an overall usage limit; at most 300");
    }

    @Test
    void aMemberRecordKeepsTheCountsOfTheCurrentAndLaterPeriodsOnly() {
        UsageLimit monthly = UsageLimit.perMember(2, CalendarPeriod.MONTH);
        String march = monthly.countOn(LocalDate.of(2026, 3, 9));
        String april = monthly.countOn(LocalDate.of(2026, 4, 9));
        MemberRecord m = MemberRecord.empty(MemberId.of("ana")).plusRedemption("coffee", List.of(april), 1)
                .plusRedemption("coffee", List.of(march), 1); // a late March redemption keeps April's count
        assertThat(m.redeemed("coffee", april)).isEqualTo(1);
        assertThat(m.redeemed("coffee", march)).isEqualTo(1);
        m = m.plusRedemption("coffee", List.of(april), 1);
        assertThat(m.redeemed("coffee", march)).isZero();
        assertThat(m.redeemed("coffee", april)).isEqualTo(2);
        assertThat(m.redeemed("coffee")).isEqualTo(3);
        m = m.plusRedemption("coffee", List.of(march), -1); // a withdrawal from a dropped count leaves it dropped
        assertThat(m.redeemed("coffee", march)).isZero();
        assertThat(m.redeemed("coffee")).isEqualTo(2);
        assertThat(m.redeemed("coffee", "")).isEqualTo(2);
    }
}
