package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The scalar fields of a small JSON object, each kept as its token and its exact text (a number's text as
 * written, so no digit is lost to a binary floating-point number).
 */
final class ScalarFields {

    private final String what;
    private final JsonParser parser;
    private final Map<String, JsonToken> tokens = new HashMap<>();
    private final Map<String, String> texts = new HashMap<>();

    private ScalarFields(String what, JsonParser parser) {
        this.what = what;
        this.parser = parser;
    }

    /** Reads the object at the parser's current token; only the named fields are kept, others refused. */
    static ScalarFields read(String what, JsonParser p, DeserializationContext ctxt, String... names)
            throws IOException {
        ScalarFields fields = new ScalarFields(what, p);
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            t = p.nextToken();
        }
        if (t != JsonToken.FIELD_NAME && t != JsonToken.END_OBJECT) {
            throw Failures.of(p, what + " must be a JSON object; got " + t);
        }
        for (; t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String name = p.currentName();
            JsonToken value = p.nextToken();
            if (!known(name, names)) {
                if (ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
                    throw Failures.of(p, what + " has no field '" + Failures.shown(name) + "'; its fields are "
                            + String.join(", ", names));
                }
                p.skipChildren();
                continue;
            }
            if (fields.tokens.containsKey(name)) {
                throw Failures.of(p, what + " has the field '" + name + "' twice");
            }
            if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
                throw Failures.of(p, "field '" + name + "' of " + what + " must be a JSON string or number; got "
                        + value);
            }
            fields.tokens.put(name, value);
            fields.texts.put(name, p.getText());
        }
        return fields;
    }

    private static boolean known(String name, String[] names) {
        for (String n : names) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The field's token; fails if the field is missing or null. */
    JsonToken token(String name) throws IOException {
        JsonToken t = tokens.get(name);
        if (t == null || t == JsonToken.VALUE_NULL) {
            throw Failures.of(parser, what + " needs the field '" + name + "'");
        }
        return t;
    }

    /** The field's exact text; fails if the field is missing or null. */
    String text(String name) throws IOException {
        token(name);
        return texts.get(name);
    }

    /** The field as a JSON string; fails if it is missing or not a string. */
    String string(String name) throws IOException {
        JsonToken t = token(name);
        if (t != JsonToken.VALUE_STRING) {
            throw Failures.of(parser, "field '" + name + "' of " + what + " must be a JSON string; got " + t);
        }
        return texts.get(name);
    }

    /** The field as a JSON integer within a long; fails if it is missing, not an integer or out of range. */
    long integer(String name) throws IOException {
        JsonToken t = token(name);
        String text = texts.get(name);
        if (t != JsonToken.VALUE_NUMBER_INT) {
            throw Failures.of(parser, "field '" + name + "' of " + what + " must be a JSON integer; got "
                    + Failures.shown(text));
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw Failures.of(parser, "field '" + name + "' of " + what + " must be within a long (at most "
                    + Long.MAX_VALUE + " in magnitude); got " + Failures.shown(text));
        }
    }

    JsonParser parser() {
        return parser;
    }
}
