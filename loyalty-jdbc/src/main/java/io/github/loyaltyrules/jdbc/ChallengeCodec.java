package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.engagement.spi.Completion;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of a challenge progress row's stores and completions: one line per store
 * ({@code S<TAB>store<TAB>count}) and per completion ({@code C<TAB>number<TAB>count<TAB>at<TAB>reward
 * <TAB>revocation<TAB>revokedAt}, the last two {@code -} while it stands); a backslash, tab or line
 * break inside a field is written {@code \\}, {@code \t} or {@code \n}.
 */
final class ChallengeCodec {

    private ChallengeCodec() {
    }

    /** The parts of a progress row's state. */
    record State(Map<String, Long> stores, List<Completion> completions) {
    }

    static String write(Map<String, Long> stores, List<Completion> completions) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> s : stores.entrySet()) {
            out.append("S\t").append(escape(s.getKey())).append('\t').append(s.getValue()).append('\n');
        }
        for (Completion c : completions) {
            out.append("C\t").append(c.number()).append('\t').append(c.count()).append('\t').append(c.at()).append('\t')
                    .append(escape(c.reward().value())).append('\t')
                    .append(c.revocation() == null ? "-" : escape(c.revocation().value())).append('\t')
                    .append(c.revokedAt() == null ? "-" : c.revokedAt().toString()).append('\n');
        }
        return out.toString();
    }

    static State read(String text) {
        Map<String, Long> stores = new TreeMap<>();
        List<Completion> completions = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f[0].equals("S") && f.length == 3) {
                stores.put(unescape(f[1]), Long.parseLong(f[2]));
            } else if (f[0].equals("C") && f.length == 7) {
                boolean revoked = !f[5].equals("-");
                completions.add(new Completion(Long.parseLong(f[1]), Long.parseLong(f[2]), Instant.parse(f[3]),
                        new IdempotencyKey(unescape(f[4])), revoked ? new IdempotencyKey(unescape(f[5])) : null,
                        revoked ? Instant.parse(f[6]) : null));
            } else {
                throw new IllegalStateException("challenge progress row has an unreadable line of " + f.length
                        + " fields starting '" + f[0] + "'");
            }
        }
        return new State(stores, completions);
    }

    private static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0) {
            return s;
        }
        return s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n");
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                out.append(n == 't' ? '\t' : n == 'n' ? '\n' : n);
            } else {
                out.append(ch);
            }
        }
        return out.toString();
    }
}
