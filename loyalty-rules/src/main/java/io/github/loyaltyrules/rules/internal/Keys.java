package io.github.loyaltyrules.rules.internal;

import io.github.loyaltyrules.rules.Condition;
import io.github.loyaltyrules.rules.LineMatcher;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Derives index keys from a condition's structure. A key is a necessary condition: if the
 * condition holds for a purchase, the purchase has at least one of the condition's keys (its
 * store, its channel, or a line's SKU or category). {@code null} means "no key": the rule must be
 * checked for every activity of its event types.
 */
public final class Keys {

    private Keys() {
    }

    /**
     * Returns the key of a SKU.
     *
     * @param sku the SKU
     * @return the key
     */
    public static String sku(String sku) {
        return "sku\u0000" + sku;
    }

    /**
     * Returns the key of a category.
     *
     * @param category the category
     * @return the key
     */
    public static String category(String category) {
        return "category\u0000" + category;
    }

    /**
     * Returns the key of a store.
     *
     * @param store the store
     * @return the key
     */
    public static String store(String store) {
        return "store\u0000" + store;
    }

    /**
     * Returns the key of a channel.
     *
     * @param channel the channel
     * @return the key
     */
    public static String channel(String channel) {
        return "channel\u0000" + channel;
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
     * {@code null} if there are none.
     *
     * @param c the condition
     * @return the keys, or null
     */
    public static Set<String> indexKeys(Condition c) {
        if (c instanceof Nodes.LinesMatch) {
            return lineKeys(((Nodes.LinesMatch) c).matcher());
        }
        if (c instanceof Nodes.LinesSpend) {
            return lineKeys(((Nodes.LinesSpend) c).matcher());
        }
        if (c instanceof Nodes.StoreIn) {
            Set<String> out = new LinkedHashSet<>();
            for (String s : ((Nodes.StoreIn) c).stores()) {
                out.add(store(s));
            }
            return out;
        }
        if (c instanceof Nodes.ChannelIn) {
            Set<String> out = new LinkedHashSet<>();
            for (String s : ((Nodes.ChannelIn) c).channels()) {
                out.add(channel(s));
            }
            return out;
        }
        if (c instanceof Nodes.AllOf) {
            Set<String> best = null;
            for (Condition part : ((Nodes.AllOf) c).parts()) {
                Set<String> k = indexKeys(part);
                if (k != null && (best == null || k.size() < best.size())) {
                    best = k;
                }
            }
            return best;
        }
        if (c instanceof Nodes.AnyOf) {
            Set<String> out = new LinkedHashSet<>();
            for (Condition part : ((Nodes.AnyOf) c).parts()) {
                Set<String> k = indexKeys(part);
                if (k == null) {
                    return null;
                }
                out.addAll(k);
            }
            return out;
        }
        return null;
    }

    private static Set<String> lineKeys(LineMatcher m) {
        if (m instanceof Nodes.SkuIn) {
            Set<String> out = new LinkedHashSet<>();
            for (String s : ((Nodes.SkuIn) m).skus()) {
                out.add(sku(s));
            }
            return out;
        }
        if (m instanceof Nodes.CategoryIn) {
            Set<String> out = new LinkedHashSet<>();
            for (String s : ((Nodes.CategoryIn) m).categories()) {
                out.add(category(s));
            }
            return out;
        }
        if (m instanceof Nodes.EitherLine) {
            Set<String> a = lineKeys(((Nodes.EitherLine) m).a());
            Set<String> b = lineKeys(((Nodes.EitherLine) m).b());
            if (a == null || b == null) {
                return null;
            }
            Set<String> out = new LinkedHashSet<>(a);
            out.addAll(b);
            return out;
        }
        if (m instanceof Nodes.BothLine) {
            Set<String> a = lineKeys(((Nodes.BothLine) m).a());
            Set<String> b = lineKeys(((Nodes.BothLine) m).b());
            if (a == null) {
                return b;
            }
            return b == null || a.size() <= b.size() ? a : b;
        }
        return null;
    }
}
