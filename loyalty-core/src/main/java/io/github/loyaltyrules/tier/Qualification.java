package io.github.loyaltyrules.tier;

import io.github.loyaltyrules.tier.MemberTiers.Activity;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

/**
 * What a member's recorded activity qualifies for on a ladder: the sums per metric over a span of the
 * qualification window, the highest tier whose threshold they reach, and the reason in words. Pure
 * functions of the ladder and the member's activities.
 */
final class Qualification {

    /** A qualified tier (its index on the ladder) and the reason in words. */
    record Candidate(int level, String reason) {
    }

    private final TierLadder ladder;
    private final ZoneId zone;
    private final QualificationWindow window;

    Qualification(TierLadder ladder) {
        this.ladder = ladder;
        this.zone = ladder.zone();
        this.window = ladder.window();
    }

    /** The tier the member qualifies for at {@code at}: the current window, and with retention the last closed one. */
    Candidate candidate(MemberTiers m, Instant at) {
        Instant from = window.currentStart(at, zone, m.enrolled);
        Instant to = at.plusNanos(1);
        long[] sums = sums(m, from, to);
        int q = level(sums);
        String why = q > 0 ? reason(q, sums, from, at) : "no threshold reached in " + span(from, at);
        if (ladder.retention()) {
            Instant close = window.lastClose(at, zone, m.enrolled);
            if (close != null) {
                Instant closedFrom = window.closedStart(close, zone, m.enrolled);
                long[] closed = sums(m, closedFrom, close);
                int q2 = level(closed);
                if (q2 > q) {
                    q = q2;
                    why = reason(q2, closed, closedFrom, close);
                }
            }
        }
        return new Candidate(q, why);
    }

    /** The member's activity per metric (in ladder order) attributed to {@code [from, to)}; {@code from} null: since enrolment. */
    long[] sums(MemberTiers m, Instant from, Instant to) {
        long[] sums = new long[ladder.metrics().size()];
        for (Activity a : m.activities) {
            if ((from == null || !a.attributedAt().isBefore(from)) && a.attributedAt().isBefore(to)) {
                sums[a.metricIndex()] += a.amount();
            }
        }
        return sums;
    }

    /** The highest tier whose requirement the sums meet; 0 (the base tier) if none. */
    int level(long[] sums) {
        List<Tier> tiers = ladder.tiers();
        for (int i = tiers.size() - 1; i > 0; i--) {
            if (Requirements.met(tiers.get(i).entry(), sums, ladder)) {
                return i;
            }
        }
        return 0;
    }

    /** Why the sums over {@code [from, to]} qualify for a tier: the part of its requirement they meet. */
    String reason(int tier, long[] sums, Instant from, Instant to) {
        Tier t = ladder.tiers().get(tier);
        Requirement r = t.entry();
        for (Requirement way : Requirements.alternatives(r)) {
            if (way instanceof Threshold th && Requirements.met(th, sums, ladder)) {
                long have = sums[ladder.metricIndex(th.metric())];
                return th.metric() + " reached " + th.metric().toDecimal(have).toPlainString() + " (threshold "
                        + th.amount().toPlainString() + " for " + t.name() + ") in " + span(from, to);
            }
            if (Requirements.met(way, sums, ladder)) {
                return Requirements.why(way, sums, ladder) + " for " + t.name() + " in " + span(from, to);
            }
        }
        return t.name() + " qualified in " + span(from, to);
    }

    /** A span of the window in words, in the ladder's zone. */
    String span(Instant from, Instant to) {
        return window + " " + (from == null ? "since enrolment" : from.atZone(zone).toLocalDateTime().toString())
                + " to " + to.atZone(zone).toLocalDateTime();
    }
}
