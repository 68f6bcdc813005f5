package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.Requirement;
import io.github.loyaltyrules.tier.Threshold;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tier part of a quote: the member's progress as the tier engine forecasts it, plus what the
 * basket would record on each metric (as a purchase records it), against the next tier's requirement.
 */
final class QuoteTiers {

    private QuoteTiers() {
    }

    static TierOutlook outlook(TierEngine engine, MemberId member, Purchase purchase, Instant at, List<Award> awards) {
        TierProgress progress = engine.progress(member, at);
        Map<Metric, Long> adds = new TierActivity(engine).qualified(purchase, AwardTotals.totalsByCurrency(awards));
        Map<Metric, Long> have = new HashMap<>();
        Map<Metric, Long> after = new HashMap<>();
        for (Map.Entry<Metric, java.math.BigDecimal> v : progress.values().entrySet()) {
            long sum = v.getKey().minorUnits(v.getValue());
            have.put(v.getKey(), sum);
            after.put(v.getKey(), saturatedSum(sum, adds.getOrDefault(v.getKey(), 0L)));
        }
        Tier next = progress.nextTier().orElse(null);
        Requirement required = next == null ? null : next.requirement().orElse(null);
        if (required == null) {
            return new TierOutlook(progress.tier(), progress.nextTier(), List.of(), false);
        }
        Map<Metric, long[]> missing = new LinkedHashMap<>(); // metric -> {before, after}, least over its thresholds
        for (Threshold t : required.thresholds()) {
            long before = Math.max(0, t.minorUnits() - have.getOrDefault(t.metric(), 0L));
            long later = Math.max(0, t.minorUnits() - after.getOrDefault(t.metric(), 0L));
            long[] m = missing.get(t.metric());
            if (m == null) {
                missing.put(t.metric(), new long[] {before, later});
            } else {
                m[0] = Math.min(m[0], before);
                m[1] = Math.min(m[1], later);
            }
        }
        List<TierOutlook.Gap> gaps = new ArrayList<>();
        for (Map.Entry<Metric, long[]> m : missing.entrySet()) {
            Metric metric = m.getKey();
            gaps.add(new TierOutlook.Gap(metric, metric.toDecimal(have.getOrDefault(metric, 0L)),
                    metric.toDecimal(adds.getOrDefault(metric, 0L)), metric.toDecimal(m.getValue()[0]),
                    metric.toDecimal(m.getValue()[1])));
        }
        return new TierOutlook(progress.tier(), progress.nextTier(), gaps, met(required, after));
    }

    /** Whether the sums per metric meet the requirement. */
    static boolean met(Requirement r, Map<Metric, Long> sums) {
        if (r instanceof Threshold t) {
            return sums.getOrDefault(t.metric(), 0L) >= t.minorUnits();
        }
        if (r instanceof Requirement.AllOf all) {
            for (Requirement p : all.parts()) {
                if (!met(p, sums)) {
                    return false;
                }
            }
            return true;
        }
        for (Requirement p : ((Requirement.AnyOf) r).parts()) {
            if (met(p, sums)) {
                return true;
            }
        }
        return false;
    }

    private static long saturatedSum(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}
