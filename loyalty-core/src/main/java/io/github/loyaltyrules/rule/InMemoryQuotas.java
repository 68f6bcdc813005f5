package io.github.loyaltyrules.rule;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Quotas} in one JVM. Each counter's usage is changed under the counter's lock, together with
 * the record of the request (or give-back key) that changes it; records are dropped once older than
 * the retention, oldest first.
 */
final class InMemoryQuotas implements Quotas {

    /** A counter's usage; guarded by itself. */
    private static final class Counter {
        long used;
    }

    /** What one request drew (and one key gave back), per counter; guarded by itself. */
    private static final class Record {
        final String key;
        final long createdMillis;
        /** counter -> {drawn, given back or -1}. */
        final Map<String, long[]> byCounter = new HashMap<>(4);

        Record(String key, long createdMillis) {
            this.key = key;
            this.createdMillis = createdMillis;
        }
    }

    private final ConcurrentHashMap<String, Counter> counters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Record> records = new ConcurrentHashMap<>();
    /** Records in the order made, for forgetting them; guarded by itself. */
    private final ArrayDeque<Record> byAge = new ArrayDeque<>();
    private final long retentionMillis;
    private final Clock clock;

    InMemoryQuotas(Duration retention, Clock clock) {
        this.retentionMillis = retention.toMillis();
        this.clock = clock;
    }

    @Override
    public long draw(String request, String counter, long wanted, long limit) {
        Quotas.checkDraw(request, counter, wanted, limit);
        Counter c = counters.computeIfAbsent(counter, k -> new Counter());
        synchronized (c) {
            Record r = wanted == 0 ? records.get(request) : record(request);
            if (r == null) {
                return 0;
            }
            synchronized (r) {
                long[] d = r.byCounter.get(counter);
                long before = d == null ? 0 : d[0];
                long now = Quotas.fit(wanted, limit, c.used - before);
                c.used = Math.max(0, c.used - before + now); // a give-back may have left less than this draw
                if (d == null) {
                    r.byCounter.put(counter, new long[] {now, -1});
                } else {
                    d[0] = now;
                }
                return now;
            }
        }
    }

    @Override
    public void settle(String request, Set<String> kept) {
        Quotas.checkName(request, "request key");
        Objects.requireNonNull(kept, "kept counters must not be null");
        Record r = records.get(request);
        if (r == null) {
            return;
        }
        List<String> release = new ArrayList<>();
        synchronized (r) {
            for (Map.Entry<String, long[]> e : r.byCounter.entrySet()) {
                if (e.getValue()[0] > 0 && !kept.contains(e.getKey())) {
                    release.add(e.getKey());
                }
            }
        }
        for (String counter : release) {
            Counter c = counters.get(counter);
            synchronized (c) {
                synchronized (r) {
                    long[] d = r.byCounter.get(counter);
                    c.used = Math.max(0, c.used - d[0]);
                    d[0] = 0;
                }
            }
        }
    }

    @Override
    public void giveBack(String key, String counter, long amount) {
        Quotas.checkGiveBack(key, counter, amount);
        Counter c = counters.get(counter);
        if (c == null) {
            return; // never drawn on: nothing to give back
        }
        synchronized (c) {
            Record r = record(key);
            synchronized (r) {
                long[] d = r.byCounter.computeIfAbsent(counter, k -> new long[] {0, -1});
                if (d[1] >= 0) {
                    return; // given back already under this key
                }
                d[1] = Math.min(amount, c.used);
                c.used -= d[1];
            }
        }
    }

    @Override
    public long used(String counter) {
        Quotas.checkName(counter, "counter name");
        Counter c = counters.get(counter);
        if (c == null) {
            return 0;
        }
        synchronized (c) {
            return c.used;
        }
    }

    @Override
    public long drawn(String request, String counter) {
        Quotas.checkName(request, "request key");
        Quotas.checkName(counter, "counter name");
        Record r = records.get(request);
        if (r == null) {
            return 0;
        }
        synchronized (r) {
            long[] d = r.byCounter.get(counter);
            return d == null ? 0 : d[0];
        }
    }

    @Override
    public List<String> counters(String prefix) {
        Objects.requireNonNull(prefix, "prefix must not be null");
        List<String> names = new ArrayList<>();
        for (String name : counters.keySet()) {
            if (name.startsWith(prefix)) {
                names.add(name);
            }
        }
        names.sort(null);
        return names;
    }

    @Override
    public void rename(String from, String to) {
        Quotas.checkName(from, "counter name");
        Quotas.checkName(to, "counter name");
        Counter c = counters.get(from);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (counters.putIfAbsent(to, c) != null) {
                throw new IllegalArgumentException("a counter named '" + to + "' exists already; a counter is renamed"
                        + " only to a new name");
            }
            counters.remove(from, c);
            for (Record r : records.values()) {
                synchronized (r) {
                    long[] d = r.byCounter.remove(from);
                    if (d != null) {
                        r.byCounter.put(to, d);
                    }
                }
            }
        }
    }

    /** The record of a key, made (and the oldest records past the retention forgotten) if it has none. */
    private Record record(String key) {
        Record r = records.get(key);
        if (r != null) {
            return r;
        }
        long now = clock.millis();
        Record made = new Record(key, now);
        r = records.putIfAbsent(key, made);
        if (r != null) {
            return r;
        }
        synchronized (byAge) {
            byAge.addLast(made);
            Record oldest;
            while ((oldest = byAge.peekFirst()) != null && now - oldest.createdMillis > retentionMillis) {
                byAge.pollFirst();
                records.remove(oldest.key, oldest);
            }
        }
        return made;
    }
}
