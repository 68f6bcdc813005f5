package io.github.loyaltyrules.benchmarks;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A clock that stands still until the benchmark moves it forward with business time: the ledger's
 * "now" is then always the business time of the latest posting, so every posting is inside the
 * idempotency window ({@code horizon = now - window}) and a ledger with a short window forgets what
 * falls out of it as the benchmark goes on. For one benchmark thread: the instant is a plain field.
 */
final class BusinessClock extends Clock {

    private final ZoneId zone;
    private Instant now;

    /**
     * A clock standing at {@code start} in {@link Fixtures#ZONE}.
     *
     * @param start the first instant
     */
    BusinessClock(Instant start) {
        this(start, Fixtures.ZONE);
    }

    private BusinessClock(Instant start, ZoneId zone) {
        this.now = start;
        this.zone = zone;
    }

    /**
     * Moves the clock forward.
     *
     * @param seconds how far; not negative
     * @return the new instant, to be used as the business time of the next posting
     */
    Instant advance(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("a business clock only moves forward; got " + seconds + " s");
        }
        now = now.plusSeconds(seconds);
        return now;
    }

    /**
     * Returns the instant the clock stands at.
     *
     * @return the instant
     */
    @Override
    public Instant instant() {
        return now;
    }

    /**
     * Returns the clock's zone.
     *
     * @return the zone
     */
    @Override
    public ZoneId getZone() {
        return zone;
    }

    /**
     * Returns a clock in another zone standing at the same instant; it does not move with this one.
     *
     * @param zone the zone
     * @return the clock
     */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new BusinessClock(now, zone);
    }
}
