package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.spi.PendingDowngrade;
import io.github.loyaltyrules.tier.spi.TierActivity;
import io.github.loyaltyrules.tier.spi.TierAssignment;
import io.github.loyaltyrules.tier.spi.TierState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
                    && Objects.equals(original, otherOriginal);
        }

        /** The activity as stored. */
        TierActivity stored() {
            return new TierActivity(metric.toString(), amount, at, attributedAt, effectiveAt, key, original);
        }

        /** The activity in words, for an error message. */
        String describe() {
            return amount + " " + metric + " at " + at + (original == null ? "" : " returning " + original);
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

    /**
     * Loads a stored state as a working copy on a ladder.
     *
     * @throws UnknownMetricException if the state counts a metric the ladder does not declare
     * @throws UnknownTierException if the state names a tier the ladder does not have
     */
    static MemberTiers from(TierState s, TierLadder ladder) {
        MemberTiers m = new MemberTiers(s.member(), s.enrolled(), s.clock());
        m.version = s.version();
        for (TierActivity x : s.activities()) {
            Metric metric = ladder.metricNamed(x.metric());
            if (metric == null) {
                throw new UnknownMetricException("stored activity " + x.key() + " of member " + s.member()
                        + " counts metric " + x.metric() + ", which the tier ladder does not declare; declared metrics: "
                        + ladder.metrics());
            }
            Activity a = new Activity(metric, ladder.metricIndex(metric), x.amount(), x.at(), x.attributedAt(),
                    x.effectiveAt(), x.key(), x.original());
            m.activities.add(a);
            m.byKey.put(a.key(), a);
        }
        for (TierAssignment x : s.assignments()) {
            m.manual.add(new Manual(ladder.indexOf(x.tier()), x.from(), x.until(), x.reason(), x.key()));
        }
        m.history.addAll(s.history());
        m.tier = ladder.indexOf(s.earned());
        m.floor = ladder.indexOf(s.floor());
        m.shown = ladder.indexOf(s.shown());
        PendingDowngrade p = s.pending();
        m.pending = p == null ? null : new Pending(p.effective(), ladder.indexOf(p.target()), p.reason());
        return m;
    }

    /** This working copy as the next version of the stored state. */
    TierState toState(TierLadder ladder) {
        List<TierActivity> stored = new ArrayList<>(activities.size());
        for (Activity a : activities) {
            stored.add(a.stored());
        }
        List<Tier> tiers = ladder.tiers();
        List<TierAssignment> assignments = new ArrayList<>(manual.size());
        for (Manual x : manual) {
            assignments.add(new TierAssignment(tiers.get(x.tier()).name(), x.from(), x.until(), x.reason(), x.key()));
        }
        PendingDowngrade p = pending == null ? null
                : new PendingDowngrade(pending.effective(), tiers.get(pending.target()).name(), pending.reason());
        return new TierState(id, version + 1, enrolled, clock, tiers.get(tier).name(), tiers.get(floor).name(),
                tiers.get(shown).name(), p, stored, assignments, history);
    }

    /** Whether {@code next} (one version on) holds the same as {@code before}: nothing to store. */
    static boolean sameContent(TierState before, TierState next) {
        return before.clock().equals(next.clock()) && before.earned().equals(next.earned())
                && before.floor().equals(next.floor()) && before.shown().equals(next.shown())
                && Objects.equals(before.pending(), next.pending())
                && before.history().size() == next.history().size()
                && before.activities().size() == next.activities().size()
                && before.assignments().size() == next.assignments().size();
    }

    MemberTiers copy() {
        return new MemberTiers(this);
    }

    /** How much of a recorded positive activity can still be returned; 0 if there is none under that key. */
    long returnable(IdempotencyKey original) {
        Activity a = byKey.get(original);
        if (a == null || a.original() != null || a.amount() < 0) {
            return 0;
        }
        return a.amount() - returned(original);
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
