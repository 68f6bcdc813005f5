package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;

/** Example ladders with their published thresholds, and small helpers for test data. */
final class Ladders {
    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final Currency EUR = Currency.getInstance("EUR");
    static final Metric SPEND_EUR = Metric.spend(EUR);
    static final Metric NIGHTS = Metric.counter("nights");
    static final PointCurrency TQP = PointCurrency.of("TQP", "Tier points", 0);
    static final Metric TIER_POINTS = Metric.points(TQP);
    static final Metric FLIGHTS = Metric.counter("flights");

    private static int keys;

    private Ladders() {
    }

    /** A beauty retailer: Insider (base), VIB at 350 EUR, Rouge at 1,000 EUR per calendar year. */
    static TierLadder.Builder beauty() {
        return TierLadder.builder().zone(PARIS).window(QualificationWindow.calendarYear()).metrics(SPEND_EUR)
                .tier(Tier.of("Insider"))
                .tier(Tier.of("VIB").withThreshold(SPEND_EUR, new BigDecimal("350")).withPerks("birthday-gift")
                        .withMultiplier(new BigDecimal("1.25")))
                .tier(Tier.of("Rouge").withThreshold(SPEND_EUR, new BigDecimal("1000"))
                        .withPerks("birthday-gift", "free-shipping").withMultiplier(new BigDecimal("1.5")));
    }

    /** A hotel: Member, Silver 10 nights, Gold 25 nights or 50,000 points, Platinum 50 nights or 75,000 points. */
    static TierLadder.Builder hotel() {
        return TierLadder.builder().zone(NEW_YORK).window(QualificationWindow.calendarYear())
                .metrics(NIGHTS, TIER_POINTS)
                .tier(Tier.of("Member"))
                .tier(Tier.of("Silver").withThreshold(NIGHTS, 10))
                .tier(Tier.of("Gold").withThreshold(NIGHTS, 25).withThreshold(TIER_POINTS, 50_000)
                        .withPerks("late-checkout"))
                .tier(Tier.of("Platinum").withThreshold(NIGHTS, 50).withThreshold(TIER_POINTS, 75_000)
                        .withPerks("late-checkout", "lounge-access"));
    }

    /** An airline on a rolling 12-month window: Blue, Silver 30,000 TQP or 30 flights, Gold 60,000 TQP or 60 flights. */
    static TierLadder.Builder airline() {
        return TierLadder.builder().zone(ZoneId.of("UTC")).window(QualificationWindow.rollingMonths(12))
                .metrics(TIER_POINTS, FLIGHTS)
                .tier(Tier.of("Blue"))
                .tier(Tier.of("Silver").withThreshold(TIER_POINTS, 30_000).withThreshold(FLIGHTS, 30))
                .tier(Tier.of("Gold").withThreshold(TIER_POINTS, 60_000).withThreshold(FLIGHTS, 60)
                        .withPerks("lounge-access"));
    }

    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static synchronized IdempotencyKey key() {
        return IdempotencyKey.of("k" + (++keys));
    }
}
