package io.github.loyaltyrules.rule;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** {@link Quotas} in one JVM: a compare-and-set loop per counter. */
final class InMemoryQuotas implements Quotas {

    private final ConcurrentHashMap<String, AtomicLong> counters = new ConcurrentHashMap<>();

    @Override
    public long take(String counter, long wanted, long limit) {
        Quotas.checkTake(counter, wanted, limit);
        AtomicLong used = counters.computeIfAbsent(counter, k -> new AtomicLong());
        while (true) {
            long now = used.get();
            long take = Math.min(limit - now, wanted);
            if (take <= 0) {
                return 0;
            }
            if (used.compareAndSet(now, now + take)) {
                return take;
            }
        }
    }

    @Override
    public void giveBack(String counter, long amount) {
        Quotas.checkGiveBack(counter, amount);
        AtomicLong used = counters.get(counter);
        if (used != null) {
            used.getAndUpdate(now -> Math.max(0, now - amount));
        }
    }

    @Override
    public long used(String counter) {
        Quotas.checkName(counter);
        AtomicLong used = counters.get(counter);
        return used == null ? 0 : used.get();
    }
}
