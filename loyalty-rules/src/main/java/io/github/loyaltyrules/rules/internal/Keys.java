package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.rules.Condition;
import io.github.loyaltyrules.rules.LineMatcher;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Derives index keys from a condition's structure. A key set is a necessary condition: if the
 * condition holds for an activity, the activity has at least one of the set's keys (its store, its
 * channel, a line's SKU or category, the member's tier or an attribute's value, the day of the week,
 * an event attribute's value). {@code null} means "no key": the rule must be checked for every
 * activity of its event types.
 *
 * @since 0.1.0
 */
public final class Keys {

    /** A line's SKU. */
    public static final int SKU = 0;
    /** A line's category. */
    public static final int CATEGORY = 1;
    /** The purchase's store. */
    public static final int STORE = 2;
    /** The purchase's channel. */
    public static final int CHANNEL = 3;
    /** The member's tier. */
    public static final int TIER = 4;
    /** The day of the week in the context's zone, as {@link DayOfWeek#getValue()}. */
    public static final int WEEKDAY = 5;
    /** A member attribute's value. */
    public static final int ATTRIBUTE = 6;
    /** An event attribute's value. */
    public static final int EVENT_ATTRIBUTE = 7;

    /** How many activities a key of each dimension is expected to let through, relatively: the index prefers cheap keys. */
    private static final int[] COST = {1, 2, 2, 8, 4, 8, 2, 2};

    private Keys() {
    }

    /**
     * One index key.
     *
     * @param dimension what is keyed: {@link #SKU}, {@link #CATEGORY}, ...
     * @param name the attribute's name for {@link #ATTRIBUTE} and {@link #EVENT_ATTRIBUTE}, else ""
     * @param value the value the activity must have
     */
    public record Key(int dimension, String name, String value) {
    }

    /**
     * Returns the event types the condition requires, or {@code null} if it requires none.
     *
     * @param c the condition
     * @return the types, or null
     */
    public static Set<String> eventTypes(Condition c) {
        if (c instanceof Nodes.EventTypeIn) {
            return ((Nodes.EventTypeIn) c).types();
        }
        if (c instanceof Nodes.AllOf) {
            Set<String> out = null;
            for (Condition part : ((Nodes.AllOf) c).parts()) {
                Set<String> t = eventTypes(part);
                if (t != null) {
                    if (out == null) {
                        out = new LinkedHashSet<>(t);
                    } else {
                        out.retainAll(t);
                    }
                }
            }
            return out;
        }
        if (c instanceof Nodes.AnyOf) {
            Set<String> out = new LinkedHashSet<>();
            for (Condition part : ((Nodes.AnyOf) c).parts()) {
                Set<String> t = eventTypes(part);
                if (t == null) {
                    return null;
                }
                out.addAll(t);
            }
            return out;
        }
        return null;
    }

    /**
     * Returns index keys of which an activity meeting the condition has at least one, or
     * {@code null} if there are none. Of the parts of an {@code all of}, the part whose keys are
     * expected to let the fewest activities through is chosen.
     *
     * @param c the condition
     * @return the keys, or null
     */
    public static Set<Key> indexKeys(Condition c) {
        if (c instanceof Nodes.LinesMatch) {
            return lineKeys(((Nodes.LinesMatch) c).matcher());
        }
        if (c instanceof Nodes.LinesSpend) {
            return lineKeys(((Nodes.LinesSpend) c).matcher());
        }
        if (c instanceof Nodes.StoreIn) {
            return keys(STORE, "", ((Nodes.StoreIn) c).stores());
        }
        if (c instanceof Nodes.ChannelIn) {
            return keys(CHANNEL, "", ((Nodes.ChannelIn) c).channels());
        }
        if (c instanceof Nodes.TierIn) {
            return keys(TIER, "", ((Nodes.TierIn) c).tiers());
        }
        if (c instanceof Nodes.DaysOfWeek) {
            Set<Key> out = new LinkedHashSet<>();
            for (DayOfWeek d : ((Nodes.DaysOfWeek) c).days()) {
                out.add(new Key(WEEKDAY, "", String.valueOf(d.getValue())));
            }
            return out;
        }
        if (c instanceof Nodes.AttributeIs) {
            Nodes.AttributeIs a = (Nodes.AttributeIs) c;
            return keys(ATTRIBUTE, a.key(), Set.of(a.value()));
        }
        if (c instanceof Nodes.EventAttributeIs) {
            Nodes.EventAttributeIs a = (Nodes.EventAttributeIs) c;
            return keys(EVENT_ATTRIBUTE, a.key(), Set.of(a.value()));
        }
        if (c instanceof Nodes.AllOf) {
            Set<Key> best = null;
            for (Condition part : ((Nodes.AllOf) c).parts()) {
                Set<Key> k = indexKeys(part);
                if (k != null && (best == null || cost(k) < cost(best))) {
                    best = k;
                }
            }
            return best;
        }
        if (c instanceof Nodes.AnyOf) {
            Set<Key> out = new LinkedHashSet<>();
            for (Condition part : ((Nodes.AnyOf) c).parts()) {
                Set<Key> k = indexKeys(part);
                if (k == null) {
                    return null;
                }
                out.addAll(k);
            }
            return out;
        }
        return null;
    }

    /**
     * Returns the days outside of which the condition cannot hold, from its {@code date from .. to}
     * parts (within {@code all of}), as {@code {first, last}} epoch days, or null if it has none.
     *
     * @param c the condition
     * @return the window, or null
     */
    public static long[] dayWindow(Condition c) {
        if (c instanceof Nodes.Dates) {
            Nodes.Dates d = (Nodes.Dates) c;
            return new long[] {d.first().toEpochDay(), d.last().toEpochDay()};
        }
        if (c instanceof Nodes.AllOf) {
            long[] out = null;
            for (Condition part : ((Nodes.AllOf) c).parts()) {
                long[] w = dayWindow(part);
                if (w != null) {
                    out = out == null ? w : new long[] {Math.max(out[0], w[0]), Math.min(out[1], w[1])};
                }
            }
            return out;
        }
        return null;
    }

    /**
     * Returns the epoch day of a date, or {@code ifNull} for none.
     *
     * @param d the date, or null
     * @param ifNull the value for none
     * @return the epoch day
     */
    public static long epochDay(LocalDate d, long ifNull) {
        return d == null ? ifNull : d.toEpochDay();
    }

    private static Set<Key> keys(int dimension, String name, Set<String> values) {
        Set<Key> out = new LinkedHashSet<>();
        for (String v : values) {
            out.add(new Key(dimension, name, v));
        }
        return out;
    }

    private static long cost(Set<Key> keys) {
        long sum = 0;
        for (Key k : keys) {
            sum += COST[k.dimension()];
        }
        return sum;
    }

    private static Set<Key> lineKeys(LineMatcher m) {
        if (m instanceof Nodes.SkuIn) {
            return keys(SKU, "", ((Nodes.SkuIn) m).skus());
        }
        if (m instanceof Nodes.CategoryIn) {
            return keys(CATEGORY, "", ((Nodes.CategoryIn) m).categories());
        }
        if (m instanceof Nodes.EitherLine) {
            Set<Key> a = lineKeys(((Nodes.EitherLine) m).a());
            Set<Key> b = lineKeys(((Nodes.EitherLine) m).b());
            if (a == null || b == null) {
                return null;
            }
            Set<Key> out = new LinkedHashSet<>(a);
            out.addAll(b);
            return out;
        }
        if (m instanceof Nodes.BothLine) {
            Set<Key> a = lineKeys(((Nodes.BothLine) m).a());
            Set<Key> b = lineKeys(((Nodes.BothLine) m).b());
            if (a == null) {
                return b;
            }
            return b == null || cost(a) <= cost(b) ? a : b;
        }
        return null;
    }
}
