package io.github.loyaltyrules.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * "Miles expire 12 months after the flight. Miles do not expire while you hold Gold or Platinum
 * status. When your status ends, your miles expire 24 months after the day it ended (unless they
 * would expire later anyway)." Status: Silver from 30, Gold from 60, Platinum from 100 status points
 * in a calendar year, kept through the next.
 */
class TierExpiryHoldsTest {

    private static final PointCurrency MILES = PointCurrency.of("MILES", "Miles", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(12)));
    private static final Metric STATUS = Metric.counter("status-points");
    private static final TierLadder LADDER = TierLadder.builder().zone(ZoneOffset.UTC)
            .window(QualificationWindow.calendarYear()).retention(true).metrics(STATUS)
            .tier(Tier.of("Blue")).tier(Tier.of("Silver").withThreshold(STATUS, 30))
            .tier(Tier.of("Gold").withThreshold(STATUS, 60)).tier(Tier.of("Platinum").withThreshold(STATUS, 100))
            .build();
    private static final ExpiryProtection GOLD_OR_PLATINUM = ExpiryProtection.of("MILES", Set.of("Gold", "Platinum"),
            ExpiryPolicy.afterTerm(Period.ofMonths(24)));
    private static final MemberId ANN = MemberId.of("ann");

    private final Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(MILES)
            .idempotencyWindow(Duration.ofDays(3650))
            .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    private final TierExpiryHolds holds = TierExpiryHolds.of(ledger, LADDER, List.of(GOLD_OR_PLATINUM));

    private static Instant t(String day) {
        return Instant.parse(day + "T00:00:00Z");
    }

    private void fly(TierEngine engine, String day, long miles, long statusPoints) {
        String key = "flight-" + day;
        ledger.earn(ANN, MILES.points(miles), t(day), IdempotencyKey.of(key), "flight");
        engine.record(ANN, STATUS, statusPoints, t(day), IdempotencyKey.of(key + "#status"));
    }

    private long miles(String day) {
        return ledger.balance(ANN, MILES, t(day)).available();
    }

    @Test
    void milesAreKeptWhileGoldOrPlatinumIsHeldAndExpire24MonthsAfterTheStatusEnded() {
        TierEngine engine = TierEngine.of(LADDER, holds);
        ledger.enrol(ANN, t("2026-01-01"));
        engine.enrol(ANN, t("2026-01-01"));

        fly(engine, "2026-02-01", 1000, 20);                     // Blue; the miles are due on 2 February 2027
        assertThat(ledger.expiryHeldSince(ANN, MILES)).isEmpty();
        fly(engine, "2026-03-01", 2000, 40);                     // 60: Gold, the miles are kept from now on
        assertThat(engine.tierOf(ANN, t("2026-03-02"))).contains("Gold");
        assertThat(ledger.expiryHeldSince(ANN, MILES)).contains(t("2026-03-01"));
        fly(engine, "2026-06-01", 500, 40);                      // 100: Platinum, still kept
        assertThat(engine.tierOf(ANN, t("2026-06-02"))).contains("Platinum");
        assertThat(ledger.expiryHeldSince(ANN, MILES)).contains(t("2026-03-01"));

        // 2027, no flights: Platinum is kept through the year, and so are the miles past their dates
        assertThat(ledger.expire(t("2027-12-31")).postings()).isZero();
        assertThat(miles("2027-12-31")).isEqualTo(3500);

        // 1 January 2028: nothing flown in 2027, the status ends; the miles expire 24 months on
        engine.assessTiers(t("2028-01-01"));
        assertThat(engine.tierOf(ANN, t("2028-01-01"))).contains("Blue");
        assertThat(ledger.expiryHeldSince(ANN, MILES)).isEmpty();
        fly(engine, "2028-03-01", 300, 10);                      // Blue: due on 2 March 2029, its own date
        assertThat(ledger.expire(t("2029-03-02")).expired()).containsEntry("MILES", 300L);
        assertThat(ledger.expire(t("2030-01-01")).postings()).isZero();
        assertThat(miles("2030-01-01")).isEqualTo(3500);
        assertThat(ledger.expire(t("2030-01-02")).expired()).containsEntry("MILES", 3500L);
        assertThat(miles("2030-01-02")).isZero();
    }

    @Test
    void anEventAppliedTwiceAppliesOnceAndSyncMakesUpForAChangeTheListenerMissed() {
        TierEngine unlistened = TierEngine.of(LADDER);           // as if the process died after each tier change
        ledger.enrol(ANN, t("2026-01-01"));
        unlistened.enrol(ANN, t("2026-01-01"));
        fly(unlistened, "2026-03-01", 1000, 70);                 // Gold, the hold not applied
        assertThat(ledger.expiryHeldSince(ANN, MILES)).isEmpty();

        assertThat(holds.syncAll(unlistened, t("2026-03-02"))).isEqualTo(1);
        assertThat(ledger.expiryHeldSince(ANN, MILES)).contains(t("2026-03-01"));
        assertThat(holds.syncAll(unlistened, t("2026-03-02"))).isZero();
        TierChange up = unlistened.history(ANN).get(unlistened.history(ANN).size() - 1);
        holds.onEvent(new TierUpgraded(up));                     // the listener, late: nothing more
        assertThat(ledger.expiryHeldSince(ANN, MILES)).contains(t("2026-03-01"));

        // the status ends at the assessment of 2028; the lift is missed, then made up for
        unlistened.assessTiers(t("2028-01-01"));
        assertThat(holds.sync(unlistened, ANN, t("2028-01-02"))).isTrue();
        assertThat(holds.sync(unlistened, ANN, t("2028-01-02"))).isFalse();
        TierChange down = unlistened.history(ANN).get(unlistened.history(ANN).size() - 1);
        holds.onEvent(new TierDowngraded(down));
        holds.onEvent(new TierUpgraded(up));                     // a stale replay of the upgrade holds again...
        holds.onEvent(new TierDowngraded(down));                 // ...and its downgrade lifts to the same dates
        assertThat(ledger.expire(t("2030-01-01")).postings()).isZero();
        assertThat(ledger.expire(t("2030-01-02")).expired()).containsEntry("MILES", 1000L);
    }

    @Test
    void aHoldMissedAltogetherIsMadeUpForByTheNextSyncAfterTheStatusEnded() {
        TierEngine unlistened = TierEngine.of(LADDER);
        ledger.enrol(ANN, t("2026-01-01"));
        unlistened.enrol(ANN, t("2026-01-01"));
        fly(unlistened, "2026-03-01", 1000, 70);                 // Gold, the hold not applied
        unlistened.assessTiers(t("2028-01-01"));                 // and Gold has ended, unapplied too
        assertThat(ledger.expire(t("2027-12-31")).expired()).containsEntry("MILES", 1000L); // the sweep ran first
        // a flight recorded late (due 2 December 2027, not swept yet) and one of December 2027
        ledger.earn(ANN, MILES.points(500), t("2026-12-01"), IdempotencyKey.of("f2"), "flight");
        ledger.earn(ANN, MILES.points(200), t("2027-12-20"), IdempotencyKey.of("f3"), "flight");
        assertThat(holds.sync(unlistened, ANN, t("2028-01-02"))).isTrue();
        assertThat(holds.sync(unlistened, ANN, t("2028-01-02"))).isFalse();
        // what the sweep had not reached gets the dates the lift would have given: 24 months after 1 January 2028
        assertThat(ledger.expire(t("2030-01-01")).postings()).isZero();
        assertThat(ledger.expire(t("2030-01-02")).expired()).containsEntry("MILES", 700L);
    }

    @Test
    void aStatusRegainedAfterItEndedHoldsAgainAndItsEndCountsAnew() {
        TierEngine engine = TierEngine.of(LADDER, holds);
        ledger.enrol(ANN, t("2026-01-01"));
        engine.enrol(ANN, t("2026-01-01"));
        fly(engine, "2026-02-01", 1000, 100);                    // straight to Platinum
        engine.assessTiers(t("2028-01-01"));                     // nothing in 2027
        assertThat(engine.history(ANN)).extracting(TierChange::to).endsWith("Blue");
        // a status match to Gold for four months (recorded when assessed): kept again, then 24 months on
        engine.assign(ANN, "Gold", t("2028-02-01"), t("2028-06-01"), "match", IdempotencyKey.of("m1"));
        engine.assessTiers(t("2028-02-01"));
        assertThat(ledger.expiryHeldSince(ANN, MILES)).contains(t("2028-02-01"));
        engine.assessTiers(t("2028-06-01"));
        assertThat(engine.tierOf(ANN, t("2028-06-01"))).contains("Blue");
        assertThat(ledger.expiryHeldSince(ANN, MILES)).isEmpty();
        assertThat(ledger.expire(t("2030-06-01")).postings()).isZero();
        assertThat(ledger.expire(t("2030-06-02")).expired()).containsEntry("MILES", 1000L);
    }

    @Test
    void termsAreCheckedAgainstTheLadderAndTheLedger() {
        assertThatThrownBy(() -> TierExpiryHolds.of(ledger, LADDER, List.of(ExpiryProtection.of("MILES",
                Set.of("Diamond"), ExpiryPolicy.never())))).isInstanceOf(UnknownTierException.class);
        assertThatThrownBy(() -> TierExpiryHolds.of(ledger, LADDER, List.of(ExpiryProtection.of("GEMS",
                Set.of("Gold"), ExpiryPolicy.never())))).isInstanceOf(UnknownCurrencyException.class);
        assertThatThrownBy(() -> TierExpiryHolds.of(ledger, LADDER, List.of(GOLD_OR_PLATINUM, GOLD_OR_PLATINUM)))
                .isInstanceOf(InvalidTierRequestException.class)
                .hasMessageStartingWith("currency MILES has two expiry protections");
        assertThatThrownBy(() -> ExpiryProtection.of("MILES", Set.of(), ExpiryPolicy.never()))
                .isInstanceOf(InvalidTierRequestException.class)
                .hasMessage("expiry protection of MILES needs at least one protecting tier; got none");
        assertThatThrownBy(() -> ExpiryProtection.of(" ", Set.of("Gold"), ExpiryPolicy.never()))
                .isInstanceOf(InvalidTierRequestException.class);
        assertThatThrownBy(() -> ExpiryProtection.of("MILES", Set.of("Gold"),
                ExpiryPolicy.never().withInactivity(Period.ofMonths(18))))
                .isInstanceOf(InvalidTierRequestException.class).hasMessageContaining("not count inactivity");
        assertThat(GOLD_OR_PLATINUM.protects("Gold")).isTrue();
        assertThat(GOLD_OR_PLATINUM.protects("Silver")).isFalse();
        assertThat(GOLD_OR_PLATINUM.protects(null)).isFalse();
        assertThat(holds.terms()).containsExactly(GOLD_OR_PLATINUM);
    }
}
