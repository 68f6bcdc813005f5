package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.rule.Quotas;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The quotas a quote evaluates against: the real counters as they stand, read but never changed.
 * A draw is worked out as the real quotas would work it out (what other requests drew, and what the
 * request drew before counted as its own) and kept here, for the one evaluation of a quote.
 */
final class QuotedQuotas implements Quotas {

    private final Quotas real;
    /** counter -> what other requests hold of it, read once. */
    private final Map<String, Long> others = new HashMap<>();
    /** counter -> what the quoted request would draw on it. */
    private final Map<String, Long> mine = new HashMap<>();

    QuotedQuotas(Quotas real) {
        this.real = real;
    }

    @Override
    public long draw(String request, String counter, long wanted, long limit) {
        Quotas.checkDraw(request, counter, wanted, limit);
        long held = others.computeIfAbsent(counter, c -> real.used(c) - real.drawn(request, c));
        long now = Quotas.fit(wanted, limit, held);
        mine.put(counter, now);
        return now;
    }

    @Override
    public void settle(String request, Set<String> kept) {
        throw new UnsupportedOperationException("a quote settles nothing");
    }

    @Override
    public void giveBack(String key, String counter, long amount) {
        throw new UnsupportedOperationException("a quote gives nothing back");
    }

    @Override
    public long used(String counter) {
        return Math.max(0, others.getOrDefault(counter, real.used(counter)) + mine.getOrDefault(counter, 0L));
    }

    @Override
    public long drawn(String request, String counter) {
        return mine.getOrDefault(counter, 0L);
    }
}
