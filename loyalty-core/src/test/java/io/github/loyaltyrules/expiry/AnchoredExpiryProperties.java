package io.github.loyaltyrules.expiry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * End-of-period expiry on periods anchored on any day of the year (29 February and the 31st
 * included), in zones with daylight saving and midnight changes: the expiry is after the earning,
 * the first instant of the day on which the (N + 1)th period after the earning day starts, and
 * never earlier for a later earning.
 */
class AnchoredExpiryProperties {

    static final ZoneId[] ZONES = {ZoneId.of("UTC"), ZoneId.of("Europe/Amsterdam"), ZoneId.of("America/Sao_Paulo"),
        ZoneId.of("Asia/Beirut"), ZoneId.of("Australia/Lord_Howe"), ZoneId.of("Pacific/Kiritimati"),
        ZoneId.of("America/Chicago")};

    /** A policy and the zone it runs in. */
    record Case(CalendarPeriod period, MonthDay anchor, int after, ZoneId zone) {
        ExpiryPolicy policy() {
            return ExpiryPolicy.endOfPeriod(period, anchor, after);
        }
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<MonthDay> anchor = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 365)
                        .map(d -> MonthDay.from(LocalDate.of(2024, 1, 1).plusDays(d)))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(MonthDay.of(2, 29), MonthDay.of(1, 31), MonthDay.of(8, 31),
                        MonthDay.of(10, 1), MonthDay.of(11, 4))));
        return Combinators.combine(Arbitraries.of(CalendarPeriod.class), anchor, Arbitraries.integers().between(0, 5),
                Arbitraries.of(ZONES)).as(Case::new);
    }

    @Provide
    Arbitrary<Instant> instants() {
        // 1990 to 2060, to the second, leap days and DST changes included
        return Arbitraries.longs().between(631_152_000L, 2_871_763_200L).map(Instant::ofEpochSecond);
    }

    @Property(tries = 2000)
    void expiryIsAfterEarningOnAPeriodBoundaryNPlusOnePeriodsLater(@ForAll("cases") Case c,
            @ForAll("instants") Instant earned) {
        Instant expiry = c.policy().lotExpiry(earned, c.zone()).orElseThrow();
        assertThat(expiry).isAfter(earned);
        // the (after + 1)th day after the earning day on which a period starts, counted by the oracle
        LocalDate d = LocalDate.ofInstant(earned, c.zone());
        for (int starts = 0; starts <= c.after(); ) {
            d = d.plusDays(1);
            if (isStart(d, c)) {
                starts++;
            }
        }
        // its first instant in the zone (after the gap when daylight saving or a date-line move skips it)
        assertThat(expiry).isEqualTo(d.atStartOfDay(c.zone()).toInstant());
    }

    @Property(tries = 2000)
    void aLaterEarningNeverExpiresEarlier(@ForAll("cases") Case c, @ForAll("instants") Instant earned,
            @ForAll("gaps") long gapSeconds) {
        Instant later = earned.plusSeconds(gapSeconds);
        assertThat(c.policy().lotExpiry(later, c.zone()).orElseThrow())
                .isAfterOrEqualTo(c.policy().lotExpiry(earned, c.zone()).orElseThrow());
    }

    @Provide
    Arbitrary<Long> gaps() {
        return Arbitraries.oneOf(Arbitraries.longs().between(0, 3 * 86_400L),
                Arbitraries.longs().between(0, 800 * 86_400L));
    }

    /** An oracle independent of the library: the anchor's day (or the month's last) in a month of the cycle. */
    static boolean isStart(LocalDate d, Case c) {
        int months = c.period().months();
        boolean inCycle = Math.floorMod(d.getMonthValue() - c.anchor().getMonthValue(), months) == 0;
        return inCycle && d.getDayOfMonth() == Math.min(c.anchor().getDayOfMonth(), d.lengthOfMonth());
    }
}
