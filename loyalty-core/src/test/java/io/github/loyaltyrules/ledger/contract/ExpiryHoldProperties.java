package io.github.loyaltyrules.ledger.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random days of earning, spending, sweeping, holding and lifting for one member, each checked
 * against a model of the member's lots with and without a hold: what is available, what the sweep
 * writes off, each open lot's date, and that a hold or lift given twice applies once; at the end, the
 * balance as of each day equals what it was that day. Points expire
 * 30 days after earning; a lift dates them 10 days after the hold ended unless they expire later.
 */
class ExpiryHoldProperties {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofDays(30)));
    private static final ExpiryPolicy AFTER = ExpiryPolicy.afterTerm(Period.ofDays(10));
    private static final Instant DAY0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final MemberId ANN = MemberId.of("ann");

    enum Kind { EARN, REDEEM, SWEEP, HOLD, LIFT }

    record Step(Kind kind, int gap, long amount) {
    }

    /** A lot as the model sees it: days are whole days from DAY0; expiry is the first day it is expired. */
    static final class ModelLot {
        final long id;
        final int earned;
        int expires;
        long remaining;

        ModelLot(long id, int earned, int expires, long remaining) {
            this.id = id;
            this.earned = earned;
            this.expires = expires;
            this.remaining = remaining;
        }
    }

    @Provide
    Arbitrary<List<Step>> days() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 25),
                Arbitraries.longs().between(1, 300)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(30);
    }

    @Property(tries = 300)
    void theLedgerAgreesWithTheModelOfHeldAndLiftedLots(@ForAll("days") List<Step> steps) {
        run(LedgerStore.inMemory(), steps);
    }

    @Property(tries = 100)
    void aStoreWithOnlyTheRequiredMethodsAgreesToo(@ForAll("days") List<Step> steps) {
        run(new MinimalLedgerStore(), steps);
    }

    private static Instant noon(int day) {
        return DAY0.plus(Duration.ofDays(day)).plus(Duration.ofHours(12));
    }

    private static Instant start(int day) {
        return DAY0.plus(Duration.ofDays(day));
    }

    private void run(LedgerStore store, List<Step> steps) {
        Instant[] now = {noon(0)};
        Clock clock = new Clock() {
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
                return now[0];
            }
        };
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(clock).store(store).currency(PTS).build();
        ledger.enrol(ANN, noon(0));
        List<ModelLot> lots = new ArrayList<>();
        Integer heldSince = null; // the day (at noon) the hold began
        int day = 0;
        long nextLot = 1;
        int n = 0;
        java.util.Map<Integer, Long> seen = new java.util.TreeMap<>(); // day -> available after its last step
        for (Step s : steps) {
            day += s.gap();
            now[0] = noon(day);
            final int today = day;
            final Integer held = heldSince;
            switch (s.kind()) {
                case EARN -> {
                    ledger.earn(ANN, PTS.points(s.amount()), noon(day), IdempotencyKey.of("e" + n), "earn");
                    lots.add(new ModelLot(nextLot++, day, day + 31, s.amount()));
                }
                case REDEEM -> {
                    List<ModelLot> usable = new ArrayList<>();
                    for (ModelLot l : lots) {
                        if (l.remaining > 0 && !expired(l, held, today)) {
                            usable.add(l);
                        }
                    }
                    long spendable = usable.stream().mapToLong(l -> l.remaining).sum();
                    Throwable t = catchThrowable(() -> ledger.redeem(ANN, PTS.points(s.amount()), noon(today),
                            IdempotencyKey.of("r" + s.hashCode() + "-" + today + "-" + lots.size()), "spend"));
                    if (spendable < s.amount()) {
                        assertThat(t).isInstanceOf(InsufficientPointsException.class);
                    } else {
                        assertThat(t).isNull();
                        usable.sort(Comparator.<ModelLot>comparingInt(l -> l.expires).thenComparingInt(l -> l.earned)
                                .thenComparingLong(l -> l.id));
                        long left = s.amount();
                        for (ModelLot l : usable) {
                            long take = Math.min(left, l.remaining);
                            l.remaining -= take;
                            left -= take;
                        }
                    }
                }
                case SWEEP -> {
                    long expected = 0;
                    for (ModelLot l : lots) {
                        if (l.remaining > 0 && expired(l, held, today)) {
                            expected += l.remaining;
                            l.remaining = 0;
                        }
                    }
                    assertThat(ledger.expire(noon(day)).expired().getOrDefault("PTS", 0L)).isEqualTo(expected);
                }
                case HOLD -> {
                    assertThat(ledger.holdExpiry(ANN, PTS, noon(day))).isEqualTo(held == null);
                    assertThat(ledger.holdExpiry(ANN, PTS, noon(day))).isFalse();
                    if (held == null) {
                        heldSince = day;
                    }
                }
                case LIFT -> {
                    assertThat(ledger.liftExpiryHold(ANN, PTS, noon(day), AFTER)).isEqualTo(held != null);
                    assertThat(ledger.liftExpiryHold(ANN, PTS, noon(day), AFTER)).isFalse();
                    if (held != null) {
                        int floor = day + 11;
                        for (ModelLot l : lots) {
                            // dated after the hold began (at noon: from the next day on), earned by the end
                            if (l.remaining > 0 && l.expires > held && l.expires < floor && l.earned <= day) {
                                l.expires = floor;
                            }
                        }
                        heldSince = null;
                    }
                }
                default -> throw new IllegalStateException();
            }
            n++;
            final Integer heldNow = heldSince;
            long available = 0;
            for (ModelLot l : lots) {
                if (l.remaining > 0 && !expired(l, heldNow, today)) {
                    available += l.remaining;
                }
            }
            assertThat(ledger.balance(ANN, PTS).available()).as("available after step %d %s", n, s).isEqualTo(available);
            assertThat(ledger.expiryHeldSince(ANN, PTS)).isEqualTo(
                    java.util.Optional.ofNullable(heldNow == null ? null : noon(heldNow)));
            List<String> open = new ArrayList<>();
            for (ModelLot l : lots) {
                if (l.remaining > 0) {
                    open.add(l.id + ":" + l.remaining + "@" + start(l.expires));
                }
            }
            List<String> actual = new ArrayList<>();
            for (Lot l : store.openLots(ANN, "PTS")) {
                actual.add(l.id().value() + ":" + l.remaining() + "@" + l.expiresAt());
            }
            assertThat(actual).as("open lots after step %d %s", n, s).isEqualTo(open);
            seen.put(day, available);
        }
        // read back: the balance as of each day, after every later hold, lift and re-dating, is what it was then
        seen.forEach((d, available) -> assertThat(ledger.balance(ANN, PTS, noon(d)).available())
                .as("available as of day %d, read after the last step", d).isEqualTo(available));
    }

    /** Whether a lot is expired at noon of {@code day}: by its date, unless a hold began before that date. */
    private static boolean expired(ModelLot l, Integer heldSince, int day) {
        if (l.expires > day) {
            return false;
        }
        return heldSince == null || l.expires <= heldSince;
    }
}
