package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.internal.Inputs;
import java.util.Collection;
import java.util.Locale;

/** "Did you mean" suggestions by edit distance (Levenshtein with adjacent transpositions). */
final class Names {

    /** Most known names an error lists. */
    static final int LISTED = 10;

    /** Names longer than this get no suggestion: comparing two of them would take time and memory. */
    private static final int COMPARED = 64;

    private Names() {
    }

    /**
     * Returns the known name closest to {@code name}, or null if none is close: at most 2 edits
     * (1 for names of up to 4 characters), ignoring case; ties go to the first known name.
     */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String lower = name.toLowerCase(Locale.ROOT);
        int limit = name.length() <= 4 ? 1 : 2;
        for (String k : known) {
            if (k.equals(name)) {
                continue;
            }
            int d = distance(lower, k.toLowerCase(Locale.ROOT), limit);
            if (d <= limit && d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best;
    }

    /** The message for an unknown name, with a suggestion or (the first {@value #LISTED} of) the known names. */
    static String unknown(String kind, String name, Collection<String> known) {
        String s = closest(name, known);
        String shown = "unknown " + kind + " '" + Inputs.shown(name) + "'";
        if (s != null) {
            return shown + ", did you mean '" + Inputs.shown(s) + "'?";
        }
        if (known.isEmpty()) {
            return shown + "; none is declared";
        }
        StringBuilder sb = new StringBuilder(shown).append("; expected one of ");
        int n = 0;
        for (String k : known) {
            if (n == LISTED) {
                return sb.append(" and ").append(known.size() - LISTED).append(" more").toString();
            }
            sb.append(n++ == 0 ? "" : ", ").append(Inputs.shown(k));
        }
        return sb.toString();
    }

    /** Optimal string alignment distance, or a value above {@code limit} once it is exceeded. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit || a.length() > COMPARED) {
            return limit + 1;
        }
        int n = a.length();
        int m = b.length();
        int[][] d = new int[n + 1][m + 1];
        for (int x = 0; x <= n; x++) {
            d[x][0] = x;
        }
        for (int y = 0; y <= m; y++) {
            d[0][y] = y;
        }
        for (int x = 1; x <= n; x++) {
            for (int y = 1; y <= m; y++) {
                int cost = a.charAt(x - 1) == b.charAt(y - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[x - 1][y] + 1, d[x][y - 1] + 1), d[x - 1][y - 1] + cost);
                if (x > 1 && y > 1 && a.charAt(x - 1) == b.charAt(y - 2) && a.charAt(x - 2) == b.charAt(y - 1)) {
                    v = Math.min(v, d[x - 2][y - 2] + 1);
                }
                d[x][y] = v;
            }
        }
        return d[n][m];
    }
}
