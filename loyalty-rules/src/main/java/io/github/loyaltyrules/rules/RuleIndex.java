package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.internal.Keys;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which rules can match an activity. Each rule is filed under the event types it applies to (those
 * its condition requires; purchases if it requires none) and, per type, under the keys of which an
 * activity meeting its condition has at least one ({@link Keys}): a store, a channel, a line's SKU
 * or category, the member's tier or an attribute's value, the day of the week, an event attribute's
 * value. A rule without keys is on the type's unkeyed list; if it can only match within a campaign
 * window, validity window or date range, it is on the windowed list, which is filtered once per day
 * and campaign boundary and then reused. A lookup costs one hash probe per key the activity has
 * (lines, store, channel, tier, day, the few attribute names rules mention), never a look at a rule
 * that cannot match, and allocates nothing once the windowed list's current slot is computed.
 */
final class RuleIndex {

    private final TypeIndex purchases;
    private final Map<String, TypeIndex> others;
    /** The ordinals of every rule, per event type, for the naive evaluation. */
    private final Map<String, int[]> all;

    RuleIndex(CompiledRule[] rules) {
        Map<String, Builder> builders = new LinkedHashMap<>();
        Map<String, List<Integer>> every = new HashMap<>();
        for (CompiledRule r : rules) {
            Set<String> types = Keys.eventTypes(r.rule.condition());
            if (types == null) {
                types = Set.of(Purchase.TYPE);
            }
            Set<Keys.Key> keys = Keys.indexKeys(r.rule.condition());
            for (String type : types) {
                builders.computeIfAbsent(type, t -> new Builder(t.equals(Purchase.TYPE))).add(r, keys);
                every.computeIfAbsent(type, t -> new ArrayList<>()).add(r.ordinal);
            }
        }
        Map<String, TypeIndex> built = new HashMap<>();
        for (Map.Entry<String, Builder> b : builders.entrySet()) {
            built.put(b.getKey(), b.getValue().build());
        }
        this.purchases = built.remove(Purchase.TYPE);
        this.others = built;
        Map<String, int[]> allByType = new HashMap<>();
        for (Map.Entry<String, List<Integer>> e : every.entrySet()) {
            allByType.put(e.getKey(), ints(e.getValue()));
        }
        this.all = allByType;
    }

    /**
     * Finds the candidate rules of an activity: their ordinals, ascending and distinct, are
     * {@code s.list[0 .. count)}, where {@code count} is returned.
     */
    int candidates(RuleContext context, Scratch s) {
        boolean purchase = context.activity() instanceof Purchase;
        TypeIndex ti = purchase ? purchases : others.get(context.activity().type());
        s.hitCount = 0;
        if (ti == null) {
            return 0;
        }
        ti.collect(context, purchase ? (Purchase) context.activity() : null, s);
        return s.merge();
    }

    /** The ordinals of every rule applying to an event type, ascending; empty if none. Not to be changed. */
    int[] ofType(String type) {
        int[] list = all.get(type);
        return list == null ? new int[0] : list;
    }

    /** Every rule applying to the activity's event type, whatever its keys, for the naive evaluation. */
    int everyRule(RuleContext context, Scratch s) {
        int[] list = all.get(context.activity().type());
        s.list = list;
        return list == null ? 0 : list.length;
    }

    private static int[] ints(List<Integer> list) {
        int[] a = new int[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = list.get(i);
        }
        return a;
    }

    /** Collects the index of one event type. */
    private static final class Builder {
        final boolean purchase;
        final List<Integer> unkeyed = new ArrayList<>();
        final List<CompiledRule> windowed = new ArrayList<>();
        final List<long[]> windows = new ArrayList<>();
        final List<Map<String, List<Integer>>> byValue = new ArrayList<>();
        final Map<String, Map<String, List<Integer>>> attributes = new LinkedHashMap<>();
        final Map<String, Map<String, List<Integer>>> eventAttributes = new LinkedHashMap<>();

        Builder(boolean purchase) {
            this.purchase = purchase;
            for (int d = 0; d <= Keys.WEEKDAY; d++) {
                byValue.add(new HashMap<>());
            }
        }

        void add(CompiledRule r, Set<Keys.Key> keys) {
            if (keys == null) {
                long[] days = Keys.dayWindow(r.rule.condition());
                if (r.dated || r.campaign != null || days != null) {
                    long first = Math.max(r.firstDay, days == null ? Long.MIN_VALUE : days[0]);
                    long last = Math.min(r.lastDay, days == null ? Long.MAX_VALUE : days[1]);
                    windowed.add(r);
                    windows.add(new long[] {first, last});
                } else {
                    unkeyed.add(r.ordinal);
                }
                return;
            }
            for (Keys.Key k : keys) {
                if (!purchase && k.dimension() <= Keys.CHANNEL) {
                    continue; // a purchase's key: no other activity has it
                }
                Map<String, List<Integer>> m = k.dimension() == Keys.ATTRIBUTE
                        ? attributes.computeIfAbsent(k.name(), x -> new HashMap<>())
                        : k.dimension() == Keys.EVENT_ATTRIBUTE
                        ? eventAttributes.computeIfAbsent(k.name(), x -> new HashMap<>())
                        : byValue.get(k.dimension());
                List<Integer> list = m.computeIfAbsent(k.value(), x -> new ArrayList<>());
                if (list.isEmpty() || list.get(list.size() - 1) != r.ordinal) {
                    list.add(r.ordinal);
                }
            }
        }

        TypeIndex build() {
            List<Map<String, int[]>> maps = new ArrayList<>();
            for (Map<String, List<Integer>> m : byValue) {
                maps.add(frozen(m));
            }
            int[][] weekdays = null;
            if (maps.get(Keys.WEEKDAY) != null) {
                weekdays = new int[8][];
                for (Map.Entry<String, int[]> e : maps.get(Keys.WEEKDAY).entrySet()) {
                    weekdays[Integer.parseInt(e.getKey())] = e.getValue();
                }
            }
            long[][] w = windows.toArray(new long[0][]);
            return new TypeIndex(unkeyed.isEmpty() ? null : ints(unkeyed),
                    windowed.isEmpty() ? null : new WindowedRules(windowed.toArray(new CompiledRule[0]), w),
                    maps.get(Keys.SKU), maps.get(Keys.CATEGORY), maps.get(Keys.STORE), maps.get(Keys.CHANNEL),
                    maps.get(Keys.TIER), weekdays, byName(attributes), byName(eventAttributes));
        }

        private static Named byName(Map<String, Map<String, List<Integer>>> m) {
            if (m.isEmpty()) {
                return null;
            }
            String[] names = m.keySet().toArray(new String[0]);
            List<Map<String, int[]>> values = new ArrayList<>();
            for (String n : names) {
                values.add(frozen(m.get(n)));
            }
            return new Named(names, values);
        }

        private static Map<String, int[]> frozen(Map<String, List<Integer>> m) {
            if (m.isEmpty()) {
                return null;
            }
            Map<String, int[]> out = new HashMap<>();
            for (Map.Entry<String, List<Integer>> e : m.entrySet()) {
                out.put(e.getKey(), ints(e.getValue()));
            }
            return out;
        }
    }

    /** Keys under named attributes: the names rules mention, and per name the rules by value. */
    private static final class Named {
        final String[] names;
        final List<Map<String, int[]>> values;

        Named(String[] names, List<Map<String, int[]>> values) {
            this.names = names;
            this.values = List.copyOf(values);
        }

        void collect(Map<String, String> attributes, Scratch s) {
            if (attributes.isEmpty()) {
                return;
            }
            for (int i = 0; i < names.length; i++) {
                String v = attributes.get(names[i]);
                if (v != null) {
                    s.hit(values.get(i).get(v));
                }
            }
        }
    }

    /** The rules of one event type by key; null where no rule is keyed that way. */
    private static final class TypeIndex {
        final int[] unkeyed;
        final WindowedRules windowed;
        final Map<String, int[]> skus;
        final Map<String, int[]> categories;
        final Map<String, int[]> stores;
        final Map<String, int[]> channels;
        final Map<String, int[]> tiers;
        final int[][] weekdays;
        final Named attributes;
        final Named eventAttributes;

        TypeIndex(int[] unkeyed, WindowedRules windowed, Map<String, int[]> skus, Map<String, int[]> categories,
                Map<String, int[]> stores, Map<String, int[]> channels, Map<String, int[]> tiers, int[][] weekdays,
                Named attributes, Named eventAttributes) {
            this.unkeyed = unkeyed;
            this.windowed = windowed;
            this.skus = skus;
            this.categories = categories;
            this.stores = stores;
            this.channels = channels;
            this.tiers = tiers;
            this.weekdays = weekdays;
            this.attributes = attributes;
            this.eventAttributes = eventAttributes;
        }

        /** Adds the hit lists of the activity's keys to {@code s}. */
        void collect(RuleContext c, Purchase p, Scratch s) {
            s.hit(unkeyed);
            if (windowed != null) {
                s.hit(windowed.activeAt(c.at()));
            }
            if (p != null) {
                if (stores != null) {
                    s.hit(stores.get(p.store()));
                }
                if (channels != null) {
                    s.hit(channels.get(p.channel()));
                }
                if (skus != null || categories != null) {
                    List<BasketLine> lines = p.lines();
                    for (int i = 0; i < lines.size(); i++) {
                        BasketLine line = lines.get(i);
                        if (skus != null) {
                            s.hit(skus.get(line.sku()));
                        }
                        if (categories != null) {
                            s.hit(categories.get(line.category()));
                        }
                    }
                }
            }
            MemberProfile m = c.member();
            if (tiers != null && m.tier() != null) {
                s.hit(tiers.get(m.tier()));
            }
            if (weekdays != null) {
                s.hit(weekdays[c.at().getDayOfWeek().getValue()]);
            }
            if (attributes != null) {
                attributes.collect(m.attributes(), s);
            }
            if (eventAttributes != null && c.activity() instanceof MemberEvent) {
                eventAttributes.collect(((MemberEvent) c.activity()).attributes(), s);
            }
        }
    }

    /**
     * Unkeyed rules that can only match within a window: a campaign's (instants), a validity window
     * or a date range (days in the context's zone). The rules active in the current slot (one day,
     * between two campaign boundaries) are computed when a context falls outside the last slot, and
     * kept: one allocation per slot, none per activity.
     */
    private static final class WindowedRules {
        private final CompiledRule[] rules;
        private final long[][] days;
        /** Every campaign boundary in epoch seconds and nanos, sorted, as {@code second * 1e9 + nano} would sort. */
        private final long[] boundarySeconds;
        private final int[] boundaryNanos;
        private volatile Slot slot;

        WindowedRules(CompiledRule[] rules, long[][] days) {
            this.rules = rules;
            this.days = days;
            List<long[]> b = new ArrayList<>();
            for (CompiledRule r : rules) {
                if (r.campaign != null) {
                    b.add(new long[] {r.fromSecond, r.fromNano});
                    b.add(new long[] {r.untilSecond, r.untilNano});
                }
            }
            b.sort((x, y) -> x[0] != y[0] ? Long.compare(x[0], y[0]) : Long.compare(x[1], y[1]));
            boundarySeconds = new long[b.size()];
            boundaryNanos = new int[b.size()];
            for (int i = 0; i < b.size(); i++) {
                boundarySeconds[i] = b.get(i)[0];
                boundaryNanos[i] = (int) b.get(i)[1];
            }
        }

        /** The slot: one day, from one campaign boundary (inclusive) to the next (exclusive). */
        private record Slot(long day, long fromSecond, int fromNano, long untilSecond, int untilNano, int[] active) {
            boolean holds(long d, long s, int n) {
                return d == day && !before(s, n, fromSecond, fromNano) && before(s, n, untilSecond, untilNano);
            }
        }

        private static boolean before(long s, int n, long s2, int n2) {
            return s < s2 || (s == s2 && n < n2);
        }

        int[] activeAt(ZonedDateTime at) {
            long day = at.toLocalDate().toEpochDay();
            long second = at.toEpochSecond();
            int nano = at.getNano();
            Slot current = slot;
            if (current != null && current.holds(day, second, nano)) {
                return current.active;
            }
            int next = 0; // the first boundary after the time
            while (next < boundarySeconds.length && !before(second, nano, boundarySeconds[next], boundaryNanos[next])) {
                next++;
            }
            long fromS = next == 0 ? Long.MIN_VALUE : boundarySeconds[next - 1];
            int fromN = next == 0 ? 0 : boundaryNanos[next - 1];
            long untilS = next == boundarySeconds.length ? Long.MAX_VALUE : boundarySeconds[next];
            int untilN = next == boundarySeconds.length ? Integer.MAX_VALUE : boundaryNanos[next];
            int[] active = new int[rules.length];
            int n = 0;
            for (int i = 0; i < rules.length; i++) {
                CompiledRule r = rules[i];
                boolean inCampaign = r.campaign == null || (!before(second, nano, r.fromSecond, r.fromNano)
                        && before(second, nano, r.untilSecond, r.untilNano));
                if (inCampaign && day >= days[i][0] && day <= days[i][1]) {
                    active[n++] = r.ordinal;
                }
            }
            active = Arrays.copyOf(active, n);
            slot = new Slot(day, fromS, fromN, untilS, untilN, active);
            return active;
        }
    }
}
