package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.tier.MemberTiers.Activity;
import io.github.loyaltyrules.tier.MemberTiers.Manual;
import io.github.loyaltyrules.tier.MemberTiers.Pending;
import io.github.loyaltyrules.tier.Qualification.Candidate;
import io.github.loyaltyrules.tier.spi.TierActivity;
import io.github.loyaltyrules.tier.spi.TierState;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tier state machine of one ladder: given a member's stored state and one input (an activity, a
 * return, a status match, or time passing to an instant), it computes the next state and the events, as
 * a {@link Transition}; queries (the tier shown, progress) forecast without changing anything. It reads
 * no store and calls no listener: {@link TierEngine} reads the state, stores the next one and delivers the
 * events. The work is done on a {@link MemberTiers} working copy.
 *
 * <p>Window closes, ends of grace periods and edges of status matches between the member's clock and an
 * input's instant are stepped through in order before the input applies. With a {@code null} event list
 * the machine works on a copy as a forecast: it records no history and no events.
 */
final class TierStateMachine {

    /**
     * What an input does to a member's state: the next state to store ({@code null}: nothing to store, e.g.
     * a request repeated under its key), the activity it adds (or {@code null}), its events in order, and
     * the result for the caller.
     */
    /**
     * A computed change: the next state to store ({@code null}: nothing), the activity it adds, its events,
     * the caller's result, and the earliest instant after the next state's clock at which the member's tier
     * could change without new activity ({@code null}: never), which a store keeps for reports.
     */
    record Transition<R>(TierState next, TierActivity added, List<TierEvent> events, R result, Instant nextEvent) {
        static <R> Transition<R> none(R result) {
            return new Transition<>(null, null, List.of(), result, null);
        }
    }

    private static final int KEPT_UNTIL_STEPS = 400;

    private final TierLadder ladder;
    private final ZoneId zone;
    private final QualificationWindow window;
    private final Metric[] metrics;
    private final int[] floorAt;
    private final Qualification qualification;

    TierStateMachine(TierLadder ladder) {
        this.ladder = ladder;
        this.zone = ladder.zone();
        this.window = ladder.window();
        this.metrics = ladder.metrics().toArray(new Metric[0]);
        this.qualification = new Qualification(ladder);
        List<Tier> tiers = ladder.tiers();
        floorAt = new int[tiers.size()];
        for (int i = 1; i < floorAt.length; i++) {
            floorAt[i] = tiers.get(i).isNeverDowngrade() ? i : floorAt[i - 1];
        }
    }

    /**
     * Enrols a member at {@code at}: their first state, or nothing to store if {@code read} (the stored state, or
     * {@code null}) has them enrolled on that date already.
     *
     * @throws InvalidTierRequestException if the member is enrolled on another date
     */
    Transition<Void> enrol(TierState read, MemberId member, Instant at) {
        if (read == null) {
            MemberTiers m = newMember(member, at);
            return new Transition<>(m.toState(ladder), null, List.of(), null, nextEvent(m));
        }
        MemberTiers m = MemberTiers.from(read, ladder);
        if (!m.enrolled.equals(at.atZone(zone).toLocalDate())) {
            throw new InvalidTierRequestException("member " + m.id + " is already enrolled on " + m.enrolled
                    + "; got enrolment on " + at.atZone(zone).toLocalDate());
        }
        return Transition.none(null);
    }

    /**
     * Records activity or a return (see {@link #addActivity}) for {@code member}, whose stored state is
     * {@code read} ({@code null}: not stored yet, enrolled at {@code at}); the result is the tier shown afterwards.
     */
    Transition<Tier> record(TierState read, MemberId member, Metric metricOrNull, long amount, Instant at,
            IdempotencyKey key, IdempotencyKey original) {
        MemberTiers m = working(read, member, at);
        List<TierEvent> out = new ArrayList<>();
        Activity a = addActivity(m, metricOrNull, amount, at, key, original, out);
        return showing(m, a != null, a == null ? null : a.stored(), out);
    }

    /**
     * Assigns a tier by hand (see {@link #addAssignment}) to {@code member}, whose stored state is {@code read}
     * ({@code null}: not stored yet, enrolled at {@code from}); the result is the tier shown afterwards.
     */
    Transition<Tier> assign(TierState read, MemberId member, int tier, Instant from, Instant until, String reason,
            IdempotencyKey key) {
        MemberTiers m = working(read, member, from);
        List<TierEvent> out = new ArrayList<>();
        return showing(m, addAssignment(m, tier, from, until, reason, key, out), null, out);
    }

    /**
     * Moves a stored member to {@code asOf}; the result is the events, and nothing is to be stored if the
     * member was there already or is not stored ({@code read} null).
     */
    Transition<List<TierEvent>> assess(TierState read, Instant asOf) {
        if (read == null) {
            return Transition.none(List.of());
        }
        MemberTiers m = MemberTiers.from(read, ladder);
        List<TierEvent> out = new ArrayList<>();
        advance(m, asOf, out);
        TierState next = m.toState(ladder);
        return MemberTiers.sameContent(read, next) ? Transition.none(List.of()) : new Transition<>(next, null, out, out,
                nextEvent(m));
    }

    /** The tier a member with the stored state shows at {@code at}: before its clock from the history, else as a forecast. */
    Tier tierAt(TierState state, Instant at) {
        return ladder.tiers().get(shownAt(MemberTiers.from(state, ladder), at));
    }

    /** How much of a recorded positive activity can still be returned; 0 if there is none under that key. */
    long returnable(TierState state, IdempotencyKey original) {
        return state == null ? 0 : MemberTiers.from(state, ladder).returnable(original);
    }

    private MemberTiers newMember(MemberId member, Instant at) {
        return new MemberTiers(member, at.atZone(zone).toLocalDate(), at);
    }

    /** The working copy of a stored state, or ({@code read} null) of a member not stored yet, enrolled at {@code at}. */
    private MemberTiers working(TierState read, MemberId member, Instant at) {
        return read == null ? newMember(member, at) : MemberTiers.from(read, ladder);
    }

    /** The transition to {@code m} if it {@code changed}, else none; the result is the tier {@code m} shows. */
    private Transition<Tier> showing(MemberTiers m, boolean changed, TierActivity added, List<TierEvent> out) {
        Tier shown = ladder.tiers().get(m.shown);
        return changed ? new Transition<>(m.toState(ladder), added, out, shown, nextEvent(m))
                : Transition.none(shown);
    }

    /**
     * Records qualifying activity of {@code metric} (a negative amount: a correction) or, with {@code original},
     * a return of {@code -amount} of that activity, counted in its window: moves the member to {@code at}, adds
     * the activity and upgrades at once when a threshold is reached, or downgrades at once on a return under
     * {@link ReturnRule#IMMEDIATE}.
     *
     * @return the activity added, or {@code null} if the key already recorded this same request (nothing changed)
     * @throws InvalidTierRequestException if the original is unknown or a return, more would be returned than was
     *         recorded, the metric's recorded total would overflow, or the key was used with other content
     */
    private Activity addActivity(MemberTiers m, Metric metricOrNull, long amount, Instant at, IdempotencyKey key,
            IdempotencyKey original, List<TierEvent> out) {
        Metric metric = metricOrNull;
        Activity orig = null;
        if (original != null) {
            orig = m.byKey.get(original);
            if (orig == null || orig.original() != null || orig.amount() < 0) {
                throw new InvalidTierRequestException("return " + key + " of member " + m.id
                        + " names original activity " + original + ", which is not a recorded activity of theirs");
            }
            metric = orig.metric();
        }
        Activity existing = m.byKey.get(key);
        if (existing != null) {
            if (existing.sameRequest(metric, amount, at, original)) {
                return null;
            }
            throw new InvalidTierRequestException("idempotency key " + key + " of member " + m.id
                    + " was already used for " + existing.describe() + "; got " + amount + " " + metric + " at " + at);
        }
        if (orig != null && m.returned(original) - amount > orig.amount()) {
            throw new InvalidTierRequestException("return " + key + " of member " + m.id + " would take back "
                    + (m.returned(original) - amount) + " of " + metric + " in total, more than the "
                    + orig.amount() + " recorded by " + original);
        }
        checkTotal(m, metric, amount, key);
        advance(m, at, out);
        Instant effective = m.clock;
        Activity a = new Activity(metric, ladder.metricIndex(metric), amount, at,
                orig == null ? at : orig.attributedAt(), effective, key, original);
        if (amount > 0) {
            add(m, a);
            Candidate c = qualification.candidate(m, effective);
            if (c.level() > m.tier) {
                raise(m, c.level());
                show(m, effective, ChangeCause.THRESHOLD_REACHED, c.reason(), out);
            }
        } else {
            Candidate before = qualification.candidate(m, effective);
            add(m, a);
            if (ladder.returnRule() == ReturnRule.IMMEDIATE && before.level() >= m.tier) {
                Candidate after = qualification.candidate(m, effective);
                int target = Math.max(after.level(), m.floor);
                if (target < m.tier) {
                    m.tier = target;
                    show(m, effective, ChangeCause.RETURN, "return " + key + " took " + (-amount) + " off " + metric
                            + "; " + (after.level() > 0 ? after.reason() : "no threshold reached any more"), out);
                }
            }
        }
        return a;
    }

    private static void add(MemberTiers m, Activity a) {
        m.activities.add(a);
        m.byKey.put(a.key(), a);
    }

    /**
     * Assigns tier {@code tier} (its index) over {@code [from, until)} and, if it has started, shows it at once.
     *
     * @return whether the assignment was added; false if the key already made this same assignment
     * @throws InvalidTierRequestException if the key was used for another assignment, or the assignment ends at or
     *         before the member's clock
     */
    private boolean addAssignment(MemberTiers m, int tier, Instant from, Instant until, String reason, IdempotencyKey key,
            List<TierEvent> out) {
        String name = ladder.tiers().get(tier).name();
        for (Manual x : m.manual) {
            if (x.key().equals(key)) {
                if (x.tier() == tier && x.from().equals(from) && x.until().equals(until) && x.reason().equals(reason)) {
                    return false;
                }
                throw new InvalidTierRequestException("idempotency key " + key + " of member " + m.id
                        + " was already used to assign '" + ladder.tiers().get(x.tier()).name() + "' from "
                        + x.from() + " until " + x.until());
            }
        }
        if (!until.isAfter(m.clock)) {
            throw new InvalidTierRequestException("assignment of tier '" + name + "' to member " + m.id
                    + " must end after the member's latest known instant " + m.clock + "; got " + until);
        }
        m.manual.add(new Manual(tier, from, until, reason, key));
        if (!from.isAfter(m.clock)) {
            showManual(m, m.clock, out);
        }
        return true;
    }

    private int shownAt(MemberTiers m, Instant at) {
        if (!at.isBefore(m.clock)) {
            MemberTiers c = m.copy();
            advance(c, at, null);
            return c.shown;
        }
        int shown = 0;
        for (TierChange ch : m.history) {
            if (ch.at().isAfter(at)) {
                break;
            }
            shown = ladder.indexOf(ch.to());
        }
        return shown;
    }

    /** What {@code member}, whose stored state is {@code state} ({@code null}: none), would see at {@code asOf}. */
    TierProgress progress(MemberId member, TierState state, Instant asOf) {
        MemberTiers c = working(state, member, asOf);
        advance(c, asOf, null);
        Instant start = window.currentStart(asOf, zone, c.enrolled);
        long[] sums = qualification.sums(c, start, asOf.plusNanos(1));
        Map<Metric, BigDecimal> values = new LinkedHashMap<>();
        for (int i = 0; i < metrics.length; i++) {
            values.put(metrics[i], metrics[i].toDecimal(sums[i]));
        }
        Optional<Tier> next = Optional.empty();
        Map<Metric, BigDecimal> needed = new LinkedHashMap<>();
        if (c.shown + 1 < ladder.tiers().size()) {
            Tier n = ladder.tiers().get(c.shown + 1);
            next = Optional.of(n);
            long[] missing = Requirements.missing(n.entry(), sums, ladder);
            for (Threshold t : n.thresholds()) {
                needed.put(t.metric(), t.metric().toDecimal(missing[ladder.metricIndex(t.metric())]));
            }
        }
        Optional<Instant> end = window.hasFixedEnd()
                ? Optional.of(window.nextClose(asOf, zone, c.enrolled)) : Optional.empty();
        return new TierProgress(member, asOf, ladder.tiers().get(c.shown), keptUntil(c),
                Optional.ofNullable(start), end, Collections.unmodifiableMap(values), next,
                Collections.unmodifiableMap(needed), next.isPresent() ? end : Optional.empty());
    }

    private Optional<Instant> keptUntil(MemberTiers c) {
        int cur = c.shown;
        for (int step = 0; step < KEPT_UNTIL_STEPS; step++) {
            if (c.tier <= c.floor && c.pending == null && nextManual(c, c.clock) == null) {
                return Optional.empty();
            }
            Instant next = nextEvent(c);
            if (next == null) {
                return Optional.empty();
            }
            step(c, next, null);
            if (c.shown < cur) {
                return Optional.of(next);
            }
        }
        return Optional.empty();
    }

    /** Moves the member to {@code to}: every window close, end of grace and status-match edge up to it, in order. */
    private void advance(MemberTiers m, Instant to, List<TierEvent> out) {
        while (true) {
            Instant next = nextEvent(m);
            if (next == null || next.isAfter(to)) {
                break;
            }
            step(m, next, out);
        }
        if (to.isAfter(m.clock)) {
            m.clock = to;
        }
    }

    private Instant nextEvent(MemberTiers m) {
        Instant next = window.nextClose(m.clock, zone, m.enrolled);
        if (m.pending != null && (next == null || !m.pending.effective().isAfter(next))) {
            next = m.pending.effective();
        }
        Instant manual = nextManual(m, m.clock);
        if (manual != null && (next == null || manual.isBefore(next))) {
            next = manual;
        }
        return next;
    }

    private void step(MemberTiers m, Instant next, List<TierEvent> out) {
        Instant close = window.nextClose(m.clock, zone, m.enrolled);
        m.clock = next;
        if (m.pending != null && m.pending.effective().equals(next)) {
            endGrace(m, next, out);
        }
        if (next.equals(close)) {
            closeWindow(m, next, out);
        }
        showManual(m, next, out);
    }

    private void closeWindow(MemberTiers m, Instant close, List<TierEvent> out) {
        Instant from = ladder.retention() ? window.closedStart(close, zone, m.enrolled)
                : window.currentStart(close, zone, m.enrolled);
        Instant to = ladder.retention() ? close : close.plusNanos(1);
        long[] sums = qualification.sums(m, from, to);
        int q = qualification.level(sums);
        String basis = q > 0 ? qualification.reason(q, sums, from, close)
                : "no threshold reached in " + qualification.span(from, close);
        int target = Math.max(q, m.floor);
        if (target >= m.tier) {
            m.pending = null;
            if (target > m.tier) {
                raise(m, target);
                show(m, close, ChangeCause.WINDOW_CLOSED, "window closed: " + basis, out);
            } else if (m.tier > 0 && out != null) {
                out.add(new TierRetained(m.id, ladder.tiers().get(m.tier).name(), close,
                        q >= m.tier ? "window closed: " + basis : "never-downgrade tier; " + basis));
            }
            return;
        }
        if (ladder.softLanding()) {
            target = Math.max(target, m.tier - 1);
        }
        String why = "window closed: " + basis + (ladder.softLanding() ? "; soft landing: at most one tier down" : "");
        if (ladder.gracePeriod().isZero()) {
            m.tier = target;
            show(m, close, ChangeCause.WINDOW_CLOSED, why, out);
        } else {
            m.pending = new Pending(close.atZone(zone).plus(ladder.gracePeriod()).toInstant(), target, why);
        }
    }

    private void endGrace(MemberTiers m, Instant at, List<TierEvent> out) {
        Pending p = m.pending;
        m.pending = null;
        Candidate c = qualification.candidate(m, at);
        int target = Math.max(Math.max(p.target(), c.level()), m.floor);
        if (target < m.tier) {
            m.tier = target;
            show(m, at, ChangeCause.WINDOW_CLOSED, p.reason() + "; grace period " + ladder.gracePeriod() + " ended",
                    out);
        } else if (m.tier > 0 && out != null) {
            out.add(new TierRetained(m.id, ladder.tiers().get(m.tier).name(), at,
                    "re-qualified during the grace period: " + c.reason()));
        }
    }

    private void raise(MemberTiers m, int tier) {
        // a tier earned now voids a downgrade pending from a lower one: the member re-qualified
        m.pending = null;
        m.tier = tier;
        m.floor = Math.max(m.floor, floorAt[tier]);
    }

    private void show(MemberTiers m, Instant at, ChangeCause cause, String reason, List<TierEvent> out) {
        Integer manual = activeManual(m, at);
        int shown = manual == null ? m.tier : Math.max(m.tier, m.manual.get(manual).tier());
        emit(m, shown, at, cause, reason, out);
    }

    private void showManual(MemberTiers m, Instant at, List<TierEvent> out) {
        Integer manual = activeManual(m, at);
        int shown = manual == null ? m.tier : Math.max(m.tier, m.manual.get(manual).tier());
        if (manual != null && shown == m.manual.get(manual).tier() && shown != m.tier) {
            Manual x = m.manual.get(manual);
            emit(m, shown, at, ChangeCause.STATUS_MATCH, x.reason() + " (until " + x.until() + ")", out);
        } else {
            emit(m, shown, at, ChangeCause.STATUS_MATCH_ENDED, "status match ended; tier earned by activity applies",
                    out);
        }
    }

    private void emit(MemberTiers m, int shown, Instant at, ChangeCause cause, String reason, List<TierEvent> out) {
        if (shown == m.shown) {
            return;
        }
        TierChange change = new TierChange(m.id, ladder.tiers().get(m.shown).name(), ladder.tiers().get(shown).name(),
                at, cause, reason);
        boolean up = shown > m.shown;
        m.shown = shown;
        if (out != null) {
            m.history.add(change);
            out.add(up ? new TierUpgraded(change) : new TierDowngraded(change));
        }
    }

    private static Integer activeManual(MemberTiers m, Instant at) {
        Integer best = null;
        for (int i = 0; i < m.manual.size(); i++) {
            Manual x = m.manual.get(i);
            if (!x.from().isAfter(at) && x.until().isAfter(at)
                    && (best == null || x.tier() > m.manual.get(best).tier())) {
                best = i;
            }
        }
        return best;
    }

    private static Instant nextManual(MemberTiers m, Instant after) {
        Instant next = null;
        for (Manual x : m.manual) {
            if (x.from().isAfter(after) && (next == null || x.from().isBefore(next))) {
                next = x.from();
            }
            if (x.until().isAfter(after) && (next == null || x.until().isBefore(next))) {
                next = x.until();
            }
        }
        return next;
    }

    private static void checkTotal(MemberTiers m, Metric metric, long amount, IdempotencyKey key) {
        long total = Math.abs(amount);
        for (Activity a : m.activities) {
            if (a.metric().equals(metric)) {
                total += Math.abs(a.amount());
                if (total < 0) {
                    throw new InvalidTierRequestException("activity " + key + " of member " + m.id
                            + " would make the recorded " + metric + " exceed " + Long.MAX_VALUE + " minor units");
                }
            }
        }
    }
}
