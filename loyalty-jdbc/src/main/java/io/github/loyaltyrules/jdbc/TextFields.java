package io.github.loyaltyrules.jdbc;

/**
 * The field encoding both stored-row codecs share: a string is its length, a colon and its characters
 * ({@code ~} for null), a number is its decimal digits and a semicolon. Nothing is escaped, so any
 * character can be stored and a field is read without scanning for delimiters inside it.
 */
final class TextFields {

    private TextFields() {
    }

    /** Writes fields; {@code W} is the concrete writer, so calls chain into its own methods. */
    abstract static class Writer<W extends Writer<W>> {
        final StringBuilder sb;

        Writer(int capacity) {
            sb = new StringBuilder(capacity);
        }

        abstract W self();

        W str(String s) {
            if (s == null) {
                sb.append('~');
            } else {
                sb.append(s.length()).append(':').append(s);
            }
            return self();
        }

        W num(long n) {
            sb.append(n).append(';');
            return self();
        }
    }

    /** Reads fields from a position that moves forward. */
    static class Reader {
        final String s;
        int pos;

        Reader(String s) {
            this.s = s;
        }

        String str() {
            if (s.charAt(pos) == '~') {
                pos++;
                return null;
            }
            int colon = s.indexOf(':', pos);
            int len = Integer.parseInt(s, pos, colon, 10);
            pos = colon + 1 + len;
            return s.substring(colon + 1, pos);
        }

        long num() {
            int semi = s.indexOf(';', pos);
            long n = Long.parseLong(s, pos, semi, 10);
            pos = semi + 1;
            return n;
        }

        int count() {
            return Math.toIntExact(num());
        }
    }
}
