package io.github.loyaltyrules.tier;

import java.util.List;

/**
 * What the engine does with a {@link Requirement}: whether sums per metric meet it, which part met it
 * (in words), what is still missing, and whether one requirement implies another (to refuse ladders
 * where a lower tier's way in also reaches a tier above it).
 */
final class Requirements {

    private Requirements() {
    }

    /** Whether {@code sums} (per metric, in the ladder's order) meet {@code r}. */
    static boolean met(Requirement r, long[] sums, TierLadder ladder) {
        if (r instanceof Threshold t) {
            return sums[ladder.metricIndex(t.metric())] >= t.minorUnits();
        }
        if (r instanceof Requirement.AllOf all) {
            List<Requirement> parts = all.parts();
            for (int k = 0; k < parts.size(); k++) {
                if (!met(parts.get(k), sums, ladder)) {
                    return false;
                }
            }
            return true;
        }
        List<Requirement> parts = ((Requirement.AnyOf) r).parts();
        for (int k = 0; k < parts.size(); k++) {
            if (met(parts.get(k), sums, ladder)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The part of a met requirement that met it, in words: {@code points:PTS reached 700 (threshold 650)}
     * for a threshold, its parts joined by "and" for all of, the first met part for any of.
     */
    static String why(Requirement r, long[] sums, TierLadder ladder) {
        if (r instanceof Threshold t) {
            long have = sums[ladder.metricIndex(t.metric())];
            return t.metric() + " reached " + t.metric().toDecimal(have).toPlainString() + " (threshold "
                    + t.amount().toPlainString() + ")";
        }
        if (r instanceof Requirement.AllOf all) {
            StringBuilder sb = new StringBuilder();
            for (Requirement p : all.parts()) {
                sb.append(sb.length() == 0 ? "" : " and ").append(why(p, sums, ladder));
            }
            return sb.toString();
        }
        for (Requirement p : ((Requirement.AnyOf) r).parts()) {
            if (met(p, sums, ladder)) {
                return why(p, sums, ladder);
            }
        }
        return r + " not met";
    }

    /**
     * For each metric, the least amount still missing on one of the requirement's thresholds on it
     * (in the ladder's order; -1 for metrics the requirement does not name).
     */
    static long[] missing(Requirement r, long[] sums, TierLadder ladder) {
        long[] out = new long[sums.length];
        java.util.Arrays.fill(out, -1);
        for (Threshold t : r.thresholds()) {
            int i = ladder.metricIndex(t.metric());
            long need = Math.max(0, t.minorUnits() - sums[i]);
            out[i] = out[i] < 0 ? need : Math.min(out[i], need);
        }
        return out;
    }

    /**
     * Whether every activity meeting {@code a} also meets {@code b}. Sound: true only when it holds;
     * it may answer false for some nested cases that hold (it is a check on ladders, not a solver).
     */
    static boolean implies(Requirement a, Requirement b) {
        if (b instanceof Requirement.AllOf all) {
            for (Requirement p : all.parts()) {
                if (!implies(a, p)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Requirement.AnyOf any) {
            for (Requirement p : any.parts()) {
                if (!implies(p, b)) {
                    return false;
                }
            }
            return true;
        }
        if (b instanceof Requirement.AnyOf any) {
            for (Requirement p : any.parts()) {
                if (implies(a, p)) {
                    return true;
                }
            }
        }
        if (a instanceof Requirement.AllOf all) {
            for (Requirement p : all.parts()) {
                if (implies(p, b)) {
                    return true;
                }
            }
            return false;
        }
        return a instanceof Threshold x && b instanceof Threshold y && x.metric().equals(y.metric())
                && x.minorUnits() >= y.minorUnits();
    }

    /** The ways into a tier: the parts of a top-level any of, else the requirement itself. */
    static List<Requirement> alternatives(Requirement r) {
        return r instanceof Requirement.AnyOf any ? any.parts() : List.of(r);
    }
}
