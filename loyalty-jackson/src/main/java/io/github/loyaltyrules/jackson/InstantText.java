package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Instants of the library's records as ISO-8601 strings ({@code "2026-03-01T09:30:00Z"}), set per property by
 * the mixins so that a mapper's own handling of other instants (or its lack of a java.time module) is untouched.
 */
final class InstantText {

    private InstantText() {
    }

    static final class Writer extends StdScalarSerializer<Instant> {
        Writer() {
            super(Instant.class);
        }

        @Override
        public void serialize(Instant value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(value.toString());
        }
    }

    static final class Reader extends StdScalarDeserializer<Instant> {
        Reader() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = IdJson.text(p, "an instant");
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw Failures.of(p, "an instant must be ISO-8601 text such as \"2026-03-01T09:30:00Z\"; got \""
                        + Failures.shown(text) + "\"");
            }
        }
    }
}
