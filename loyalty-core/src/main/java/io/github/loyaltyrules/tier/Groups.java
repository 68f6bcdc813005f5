package io.github.loyaltyrules.tier;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks and text shared by the groups of {@link Requirement}. */
final class Groups {

    private Groups() {
    }

    static List<Requirement> check(String kind, List<Requirement> parts) {
        Objects.requireNonNull(parts, kind + " parts must not be null");
        List<Requirement> copy = List.copyOf(parts); // null parts throw here
        if (copy.isEmpty() || copy.size() > Requirement.MAX_PARTS) {
            throw new InvalidLadderException("'" + kind + "' needs 1 to " + Requirement.MAX_PARTS + " parts; got "
                    + copy.size());
        }
        Set<Metric> own = new HashSet<>();
        int thresholds = 0;
        for (Requirement r : copy) {
            if (r instanceof Threshold t && !own.add(t.metric())) {
                throw new InvalidLadderException("'" + kind + "' has two thresholds on " + t.metric() + " in "
                        + text(kind, copy) + "; one threshold per metric in a group");
            }
            if (depth(r) >= Requirement.MAX_DEPTH) {
                throw new InvalidLadderException("requirement is nested deeper than " + Requirement.MAX_DEPTH
                        + " levels");
            }
            thresholds += r.thresholds().size();
        }
        if (thresholds > Requirement.MAX_THRESHOLDS) {
            throw new InvalidLadderException("requirement names " + thresholds + " thresholds; at most "
                    + Requirement.MAX_THRESHOLDS);
        }
        return copy;
    }

    /** Levels of groups in a requirement: 0 for a threshold. */
    static int depth(Requirement r) {
        int d = 0;
        if (r instanceof Requirement.AllOf a) {
            for (Requirement p : a.parts()) {
                d = Math.max(d, depth(p));
            }
            return d + 1;
        }
        if (r instanceof Requirement.AnyOf a) {
            for (Requirement p : a.parts()) {
                d = Math.max(d, depth(p));
            }
            return d + 1;
        }
        return 0;
    }

    static List<Threshold> thresholds(List<Requirement> parts) {
        List<Threshold> out = new ArrayList<>();
        for (Requirement p : parts) {
            out.addAll(p.thresholds());
        }
        return List.copyOf(out);
    }

    static String text(String kind, List<Requirement> parts) {
        StringBuilder sb = new StringBuilder(kind).append(" (");
        for (int k = 0; k < parts.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(parts.get(k));
        }
        return sb.append(')').toString();
    }
}
