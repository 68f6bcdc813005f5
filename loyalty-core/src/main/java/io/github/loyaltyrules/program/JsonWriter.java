package io.github.loyaltyrules.program;

import java.util.ArrayDeque;

/**
 * A small JSON writer (RFC 8259): objects, arrays, strings, integers, booleans and null, written as
 * they come, one member or element per line, indented by two spaces. Strings are escaped as the RFC
 * requires (quotes, backslashes and control characters), everything else is written as it is.
 * Decimals are the caller's to write as strings, so that no scale or digit is lost. Not thread-safe.
 */
final class JsonWriter {

    private final StringBuilder out = new StringBuilder(1024);
    /** Per open container: whether it has a member or element yet. */
    private final ArrayDeque<boolean[]> open = new ArrayDeque<>();
    /** Set by {@link #name}: the next value is that member's, on the name's line. */
    private boolean afterName;

    JsonWriter beginObject() {
        return begin('{');
    }

    JsonWriter endObject() {
        return end('}');
    }

    JsonWriter beginArray() {
        return begin('[');
    }

    JsonWriter endArray() {
        return end(']');
    }

    JsonWriter name(String name) {
        separate();
        string(name);
        out.append(": ");
        afterName = true;
        return this;
    }

    JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        separate();
        string(s);
        return this;
    }

    JsonWriter value(Object o) {
        return value(o == null ? null : o.toString());
    }

    JsonWriter value(long n) {
        separate();
        out.append(n);
        return this;
    }

    JsonWriter value(boolean b) {
        separate();
        out.append(b);
        return this;
    }

    JsonWriter nullValue() {
        separate();
        out.append("null");
        return this;
    }

    /** The document; every container must be closed. */
    String json() {
        if (!open.isEmpty()) {
            throw new IllegalStateException(open.size() + " JSON containers are still open");
        }
        return out.append('\n').toString();
    }

    private JsonWriter begin(char c) {
        separate();
        out.append(c);
        open.push(new boolean[1]);
        return this;
    }

    private JsonWriter end(char c) {
        boolean any = open.pop()[0];
        if (any) {
            newline();
        }
        out.append(c);
        return this;
    }

    /** Before a value or name: a comma after an earlier sibling, and a new line unless it follows its name. */
    private void separate() {
        if (afterName) {
            afterName = false;
            return;
        }
        boolean[] container = open.peek();
        if (container == null) {
            return;
        }
        if (container[0]) {
            out.append(',');
        }
        container[0] = true;
        newline();
    }

    private void newline() {
        out.append('\n');
        for (int i = open.size(); i > 0; i--) {
            out.append("  ");
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
