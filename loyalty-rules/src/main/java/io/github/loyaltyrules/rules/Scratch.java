package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rules.internal.Basket;
import io.github.loyaltyrules.rules.internal.Earned;
import java.math.BigDecimal;
import java.util.Arrays;

/**
 * The working memory of one evaluation, kept per thread and reused, so that evaluating allocates
 * only what it returns: the index's hit lists and candidate buffer, the basket as read, the awards
 * so far, the multiplier rules that matched, per-transaction caps left and the base per currency and
 * line that multipliers multiply. An evaluation that starts while another runs on the same thread
 * (a hand-written condition or action evaluating a rule set) gets a fresh one.
 */
final class Scratch {

    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private boolean busy;

    /** The index's hit lists for the current activity. */
    int[][] hits = new int[16][];
    int hitCount;
    /** The candidates: {@code list[0 .. count)}; either one hit list itself or {@link #buffer}. */
    int[] list;
    private int[] buffer = new int[64];

    final Basket basket = Basket.reusable();
    /** What the last built-in action or multiplier earned, on its way to an award. */
    final Earned earned = new Earned();

    Award[] awards = new Award[16];
    int awardCount;
    int[] multiplying = new int[16];
    int multiplyingCount;
    long[] capLeft = new long[4];
    long[][] base = new long[4][];
    boolean[] based = new boolean[4];

    /** The last tier factor seen and its extra ({@code factor - 1}) as a fraction of longs; denominator 0 if none. */
    BigDecimal tierFactor;
    long tierNumerator;
    long tierDenominator;

    /** Takes this thread's scratch, or a fresh one if it is in use. */
    static Scratch acquire() {
        Scratch s = LOCAL.get();
        if (s.busy) {
            s = new Scratch();
        }
        s.busy = true;
        return s;
    }

    /** Gives the scratch back, dropping what it refers to of this evaluation. */
    void release() {
        Arrays.fill(awards, 0, awardCount, null);
        Arrays.fill(hits, 0, hitCount, null);
        awardCount = 0;
        multiplyingCount = 0;
        hitCount = 0;
        list = null;
        basket.reset(null);
        earned.clear();
        busy = false;
    }

    /** Adds a hit list of the index; null or empty adds nothing. */
    void hit(int[] ordinals) {
        if (ordinals == null || ordinals.length == 0) {
            return;
        }
        if (hitCount == hits.length) {
            hits = Arrays.copyOf(hits, hitCount * 2);
        }
        hits[hitCount++] = ordinals;
    }

    /** Merges the hit lists into {@link #list}, ascending and distinct; returns how many. */
    int merge() {
        if (hitCount == 0) {
            return 0;
        }
        if (hitCount == 1) {
            list = hits[0]; // one list holds every hit: already ascending and distinct
            return list.length;
        }
        int n = 0;
        for (int i = 0; i < hitCount; i++) {
            n += hits[i].length;
        }
        if (buffer.length < n) {
            buffer = new int[Math.max(n, buffer.length * 2)];
        }
        list = buffer;
        if (n <= SMALL) {
            return insert();
        }
        int at = 0;
        for (int i = 0; i < hitCount; i++) {
            System.arraycopy(hits[i], 0, buffer, at, hits[i].length);
            at += hits[i].length;
        }
        Arrays.sort(buffer, 0, n); // cost grows with the matching index entries, not with the number of rules
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (distinct == 0 || buffer[distinct - 1] != buffer[i]) {
                buffer[distinct++] = buffer[i];
            }
        }
        return distinct;
    }

    /** Up to this many hits, merging inserts each into the sorted buffer instead of copying and sorting. */
    private static final int SMALL = 32;

    /** Inserts every hit into {@link #buffer}, kept ascending and distinct; returns how many. */
    private int insert() {
        int size = 0;
        for (int i = 0; i < hitCount; i++) {
            int[] h = hits[i];
            for (int x : h) {
                int j = size;
                while (j > 0 && buffer[j - 1] > x) {
                    j--;
                }
                if (j > 0 && buffer[j - 1] == x) {
                    continue; // already there
                }
                for (int k = size; k > j; k--) {
                    buffer[k] = buffer[k - 1];
                }
                buffer[j] = x;
                size++;
            }
        }
        return size;
    }

    void award(Award a) {
        if (awardCount == awards.length) {
            awards = Arrays.copyOf(awards, awardCount * 2);
        }
        awards[awardCount++] = a;
    }

    void multiplying(int ordinal) {
        if (multiplyingCount == multiplying.length) {
            multiplying = Arrays.copyOf(multiplying, multiplyingCount * 2);
        }
        multiplying[multiplyingCount++] = ordinal;
    }

    /** Makes room for caps and bases in {@code currencies} currencies over {@code slots} lines, bases zero. */
    void size(int currencies, int slots) {
        if (capLeft.length < currencies) {
            capLeft = new long[currencies];
            base = new long[currencies][];
            based = new boolean[currencies];
        }
        for (int c = 0; c < currencies; c++) {
            if (base[c] == null || base[c].length != slots) {
                base[c] = new long[slots];
            } else {
                Arrays.fill(base[c], 0);
            }
            based[c] = false;
        }
    }
}
