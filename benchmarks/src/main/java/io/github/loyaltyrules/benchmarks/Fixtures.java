package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/** What every benchmark starts from: one program zone, one currency, a ledger with enrolled members. */
final class Fixtures {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant T0 = Instant.parse("2026-03-03T09:00:00Z");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);

    private Fixtures() {
    }

    /** A ledger in {@link #ZONE} with {@link #PTS} and a fixed clock. */
    static Ledger ledger() {
        return Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
    }

    /** A ledger in {@link #ZONE} with {@link #PTS}, the given clock and the default idempotency window. */
    static Ledger ledger(Clock clock) {
        return Ledger.builder().zone(ZONE).clock(clock).currency(PTS).build();
    }

    /** A ledger in {@link #ZONE} with {@link #PTS}, the given clock and idempotency window. */
    static Ledger ledger(Clock clock, Duration window) {
        return Ledger.builder().zone(ZONE).clock(clock).currency(PTS).idempotencyWindow(window).build();
    }

    /** Member ids {@code m0 .. m(n-1)}, enrolled at {@link #T0} minus a day. */
    static MemberId[] enrol(Ledger ledger, int n) {
        MemberId[] members = new MemberId[n];
        for (int i = 0; i < n; i++) {
            members[i] = MemberId.of("m" + i);
            ledger.enrol(members[i], T0.minusSeconds(86_400));
        }
        return members;
    }

    /** Gives each member {@code lots} lots of {@code each} points. */
    static void fill(Ledger ledger, MemberId[] members, int lots, long each) {
        for (MemberId m : members) {
            for (int l = 0; l < lots; l++) {
                ledger.earn(m, PTS.points(each), T0.minusSeconds(3600 - l), IdempotencyKey.of("fill-" + m.value() + "-" + l),
                        "fill");
            }
        }
    }

    /** A unique idempotency key per call, as a till would make: prefix and sequence number. */
    static IdempotencyKey key(String prefix, long sequence) {
        return IdempotencyKey.of(prefix + sequence);
    }
}
