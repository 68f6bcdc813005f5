package io.github.loyaltyrules.ledger.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable map that {@link #plus} and {@link #minus} copy only along one path (a hash array
 * mapped trie: at most seven levels of at most 32 slots), so that a member's book can take one
 * more reservation or reversal in time and space that do not grow with what it holds already.
 * Keys and values are never null; keys need consistent {@code equals} and {@code hashCode}.
 * Iteration order is unspecified. Every mutator of {@link Map} throws
 * {@link UnsupportedOperationException}. Not API.
 *
 * @param <K> the key type
 * @param <V> the value type
 *
 * @since 0.1.0
 */
public final class PersistentMap<K, V> extends AbstractMap<K, V> {

    private static final int BITS = 5;
    private static final int MASK = (1 << BITS) - 1;
    /** The deepest level's shift: levels at shifts 0, 5, ..., 30 use all 32 bits of a hash. */
    private static final int MAX_SHIFT = 30;

    private static final PersistentMap<?, ?> EMPTY = new PersistentMap<>(Node.EMPTY, 0);

    /**
     * A trie node: for each set bit of {@code bitmap}, two slots of {@code slots}, either a key and
     * its value or {@code null} and a child ({@link Node} or {@link Collision}).
     */
    private static final class Node {
        static final Node EMPTY = new Node(0, new Object[0]);
        final int bitmap;
        final Object[] slots;

        Node(int bitmap, Object[] slots) {
            this.bitmap = bitmap;
            this.slots = slots;
        }
    }

    /** Keys whose hashes are equal in all 32 bits, as key and value pairs. */
    private static final class Collision {
        final int hash;
        final Object[] slots;

        Collision(int hash, Object[] slots) {
            this.hash = hash;
            this.slots = slots;
        }
    }

    private final Node root;
    private final int size;

    private PersistentMap(Node root, int size) {
        this.root = root;
        this.size = size;
    }

    /**
     * Returns the empty map.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @return the empty map
     */
    @SuppressWarnings("unchecked")
    public static <K, V> PersistentMap<K, V> empty() {
        return (PersistentMap<K, V>) EMPTY;
    }

    /**
     * Returns the map itself if it is a persistent map, else a persistent copy of it.
     *
     * @param <K> the key type
     * @param <V> the value type
     * @param map the map
     * @return the map, immutable
     * @throws NullPointerException if the map, a key or a value is null
     */
    @SuppressWarnings("unchecked")
    public static <K, V> PersistentMap<K, V> copyOf(Map<? extends K, ? extends V> map) {
        if (map instanceof PersistentMap<?, ?> p) {
            return (PersistentMap<K, V>) p;
        }
        PersistentMap<K, V> out = empty();
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            out = out.plus(e.getKey(), e.getValue());
        }
        return out;
    }

    private static int hash(Object key) {
        int h = key.hashCode();
        return h ^ (h >>> 16);
    }

    private static int bit(int hash, int shift) {
        return 1 << ((hash >>> shift) & MASK);
    }

    private static int index(int bitmap, int bit) {
        return Integer.bitCount(bitmap & (bit - 1));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    public V get(Object key) {
        if (key == null || size == 0) {
            return null;
        }
        int h = hash(key);
        Node node = root;
        int shift = 0;
        while (true) {
            int bit = bit(h, shift);
            if ((node.bitmap & bit) == 0) {
                return null;
            }
            int i = 2 * index(node.bitmap, bit);
            Object k = node.slots[i];
            Object v = node.slots[i + 1];
            if (k != null) {
                return key.equals(k) ? cast(v) : null;
            }
            if (v instanceof Collision c) {
                return c.hash == h ? cast(collisionGet(c, key)) : null;
            }
            node = (Node) v;
            shift += BITS;
        }
    }

    @SuppressWarnings("unchecked")
    private static <V> V cast(Object v) {
        return (V) v;
    }

    private static Object collisionGet(Collision c, Object key) {
        for (int i = 0; i < c.slots.length; i += 2) {
            if (key.equals(c.slots[i])) {
                return c.slots[i + 1];
            }
        }
        return null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public V getOrDefault(Object key, V defaultValue) {
        V v = get(key);
        return v == null ? defaultValue : v;
    }

    /**
     * Returns this map with {@code key} mapped to {@code value}; this map is unchanged.
     *
     * @param key the key
     * @param value the value
     * @return the new map
     * @throws NullPointerException if the key or the value is null
     */
    public PersistentMap<K, V> plus(K key, V value) {
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(value, "value must not be null");
        boolean present = containsKey(key);
        return new PersistentMap<>(put(root, 0, hash(key), key, value), present ? size : size + 1);
    }

    private static Node put(Node node, int shift, int h, Object key, Object value) {
        int bit = bit(h, shift);
        int i = 2 * index(node.bitmap, bit);
        if ((node.bitmap & bit) == 0) {
            Object[] slots = new Object[node.slots.length + 2];
            System.arraycopy(node.slots, 0, slots, 0, i);
            slots[i] = key;
            slots[i + 1] = value;
            System.arraycopy(node.slots, i, slots, i + 2, node.slots.length - i);
            return new Node(node.bitmap | bit, slots);
        }
        Object k = node.slots[i];
        Object v = node.slots[i + 1];
        Object[] slots = node.slots.clone();
        if (k == null) {
            if (v instanceof Collision c) {
                slots[i + 1] = c.hash == h ? collisionPut(c, key, value) : split(shift + BITS, c, h, key, value);
            } else {
                slots[i + 1] = put((Node) v, shift + BITS, h, key, value);
            }
        } else if (key.equals(k)) {
            slots[i + 1] = value;
        } else {
            int kh = hash(k);
            slots[i] = null;
            slots[i + 1] = kh == h ? new Collision(h, new Object[] {k, v, key, value})
                    : pair(shift + BITS, kh, k, v, h, key, value);
        }
        return new Node(node.bitmap, slots);
    }

    /** A node holding two keys whose hashes differ but agree below {@code shift}. */
    private static Node pair(int shift, int h1, Object k1, Object v1, int h2, Object k2, Object v2) {
        int b1 = bit(h1, shift);
        int b2 = bit(h2, shift);
        if (b1 == b2) {
            // shift is at most MAX_SHIFT here: differing hashes differ in some bit at or above it
            return new Node(b1, new Object[] {null, pair(shift + BITS, h1, k1, v1, h2, k2, v2)});
        }
        return Integer.compareUnsigned(b1, b2) < 0 ? new Node(b1 | b2, new Object[] {k1, v1, k2, v2})
                : new Node(b1 | b2, new Object[] {k2, v2, k1, v1});
    }

    /** A node holding a collision and a key whose hash differs from the collision's but agrees below {@code shift}. */
    private static Node split(int shift, Collision c, int h, Object key, Object value) {
        int b1 = bit(c.hash, shift);
        int b2 = bit(h, shift);
        if (b1 == b2) {
            return new Node(b1, new Object[] {null, split(shift + BITS, c, h, key, value)});
        }
        return Integer.compareUnsigned(b1, b2) < 0 ? new Node(b1 | b2, new Object[] {null, c, key, value})
                : new Node(b1 | b2, new Object[] {key, value, null, c});
    }

    private static Collision collisionPut(Collision c, Object key, Object value) {
        for (int i = 0; i < c.slots.length; i += 2) {
            if (key.equals(c.slots[i])) {
                Object[] slots = c.slots.clone();
                slots[i + 1] = value;
                return new Collision(c.hash, slots);
            }
        }
        Object[] slots = new Object[c.slots.length + 2];
        System.arraycopy(c.slots, 0, slots, 0, c.slots.length);
        slots[c.slots.length] = key;
        slots[c.slots.length + 1] = value;
        return new Collision(c.hash, slots);
    }

    /**
     * Returns this map without {@code key}; this map is unchanged (and returned) if it has no such key.
     *
     * @param key the key
     * @return the new map
     * @throws NullPointerException if the key is null
     */
    public PersistentMap<K, V> minus(Object key) {
        Objects.requireNonNull(key, "key must not be null");
        if (!containsKey(key)) {
            return this;
        }
        return size == 1 ? empty() : new PersistentMap<>(remove(root, 0, hash(key), key), size - 1);
    }

    /** Removes a key known to be present; returns the node without it, never empty unless the root. */
    private static Node remove(Node node, int shift, int h, Object key) {
        int bit = bit(h, shift);
        int i = 2 * index(node.bitmap, bit);
        Object k = node.slots[i];
        Object v = node.slots[i + 1];
        Object child;
        if (k != null) {
            child = null;
        } else if (v instanceof Collision c) {
            child = collisionRemove(c, key);
        } else {
            Node n = remove((Node) v, shift + BITS, h, key);
            child = n.bitmap == 0 ? null : n;
        }
        if (child == null) {
            Object[] slots = new Object[node.slots.length - 2];
            System.arraycopy(node.slots, 0, slots, 0, i);
            System.arraycopy(node.slots, i + 2, slots, i, node.slots.length - i - 2);
            return new Node(node.bitmap & ~bit, slots);
        }
        Object[] slots = node.slots.clone();
        if (child instanceof Node n && n.slots.length == 2 && n.slots[0] != null) {
            // a child left with one key and value moves up into this node
            slots[i] = n.slots[0];
            slots[i + 1] = n.slots[1];
        } else if (child instanceof Object[] single) {
            slots[i] = single[0];
            slots[i + 1] = single[1];
        } else {
            slots[i + 1] = child;
        }
        return new Node(node.bitmap, slots);
    }

    /** The collision without the key: another collision, or the one key and value left as a pair. */
    private static Object collisionRemove(Collision c, Object key) {
        if (c.slots.length == 4) {
            return key.equals(c.slots[0]) ? new Object[] {c.slots[2], c.slots[3]} : new Object[] {c.slots[0], c.slots[1]};
        }
        Object[] slots = new Object[c.slots.length - 2];
        int j = 0;
        for (int i = 0; i < c.slots.length; i += 2) {
            if (!key.equals(c.slots[i])) {
                slots[j++] = c.slots[i];
                slots[j++] = c.slots[i + 1];
            }
        }
        return new Collision(c.hash, slots);
    }

    @Override
    public Set<Map.Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Map.Entry<K, V>> iterator() {
                // most books hold no reservation: walking them should cost nothing
                return size == 0 ? java.util.Collections.emptyIterator() : new Walk<>(root);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** Depth-first walk over the trie with an explicit stack. */
    private static final class Walk<K, V> implements Iterator<Map.Entry<K, V>> {
        private final Object[][] stack = new Object[MAX_SHIFT / BITS + 2][];
        private final int[] at = new int[MAX_SHIFT / BITS + 2];
        private int depth;
        private Object nextKey;
        private Object nextValue;

        Walk(Node root) {
            stack[0] = root.slots;
            advance();
        }

        private void advance() {
            nextKey = null;
            while (depth >= 0) {
                Object[] slots = stack[depth];
                int i = at[depth];
                if (i >= slots.length) {
                    depth--;
                    continue;
                }
                at[depth] = i + 2;
                Object k = slots[i];
                Object v = slots[i + 1];
                if (k != null) {
                    nextKey = k;
                    nextValue = v;
                    return;
                }
                depth++;
                stack[depth] = v instanceof Collision c ? c.slots : ((Node) v).slots;
                at[depth] = 0;
            }
        }

        @Override
        public boolean hasNext() {
            return nextKey != null;
        }

        @Override
        public Map.Entry<K, V> next() {
            if (nextKey == null) {
                throw new NoSuchElementException();
            }
            Map.Entry<K, V> e = new SimpleImmutableEntry<>(cast(nextKey), cast(nextValue));
            advance();
            return e;
        }
    }
}
