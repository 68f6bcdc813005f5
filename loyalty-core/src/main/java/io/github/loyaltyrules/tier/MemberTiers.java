package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One member's tier state as the engine works on it: loaded from a {@link io.github.loyaltyrules.tier.spi.TierState},
 * changed by one call, saved as the next version. Copies share the append-only lists and are used read-only.
 */
final class MemberTiers {

    /** One recorded qualifying activity (negative amount: a return). */
    record Activity(Metric metric, int metricIndex, long amount, Instant at, Instant attributedAt,
            Instant effectiveAt, IdempotencyKey key, IdempotencyKey original) {
        boolean sameRequest(Metric otherMetric, long otherAmount, Instant otherAt, IdempotencyKey otherOriginal) {
            return metric.equals(otherMetric) && amount == otherAmount && at.equals(otherAt)
                    && java.util.Objects.equals(original, otherOriginal);
        }
    }

    /** A manual assignment (status match) over [from, until). */
    record Manual(int tier, Instant from, Instant until, String reason, IdempotencyKey key) {
    }

    /** A downgrade decided at a window close, taking effect after the grace period. */
    record Pending(Instant effective, int target, String reason) {
    }

    final MemberId id;
    final LocalDate enrolled;
    /** The version of the stored state this was loaded from; 0 for a member not stored yet. */
    long version;
    final List<Activity> activities;
    final Map<IdempotencyKey, Activity> byKey;
    final List<Manual> manual;
    final List<TierChange> history;
    Instant clock;
    int tier;
    int floor;
    int shown;
    Pending pending;

    MemberTiers(MemberId id, LocalDate enrolled, Instant clock) {
        this.id = id;
        this.enrolled = enrolled;
        this.activities = new ArrayList<>();
        this.byKey = new HashMap<>();
        this.manual = new ArrayList<>();
        this.history = new ArrayList<>();
        this.clock = clock;
    }

    private MemberTiers(MemberTiers o) {
        this.id = o.id;
        this.enrolled = o.enrolled;
        this.activities = o.activities;
        this.byKey = o.byKey;
        this.manual = o.manual;
        this.history = o.history;
        this.clock = o.clock;
        this.version = o.version;
        this.tier = o.tier;
        this.floor = o.floor;
        this.shown = o.shown;
        this.pending = o.pending;
    }

    MemberTiers copy() {
        return new MemberTiers(this);
    }

    long returned(IdempotencyKey original) {
        long sum = 0;
        for (Activity a : activities) {
            if (original.equals(a.original())) {
                sum -= a.amount();
            }
        }
        return sum;
    }
}
