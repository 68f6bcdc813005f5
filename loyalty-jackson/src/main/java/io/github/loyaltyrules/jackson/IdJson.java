package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import java.io.IOException;

/** Ids as plain JSON scalars: member ids and idempotency keys as strings, lot ids as integers. */
final class IdJson {

    private IdJson() {
    }

    static String text(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw Failures.of(p, what + " must be a JSON string; got " + p.currentToken());
        }
        return p.getText();
    }

    /** Writes an id as the JSON string of its text. */
    static final class StringWriter<T> extends StdScalarSerializer<T> {
        private final java.util.function.Function<T, String> text;

        StringWriter(Class<T> type, java.util.function.Function<T, String> text) {
            super(type);
            this.text = text;
        }

        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(text.apply(value));
        }
    }

    /** Reads an id from a JSON string, as the library's own factory checks it. */
    static final class StringReader<T> extends StdScalarDeserializer<T> {
        private final String what;
        private final java.util.function.Function<String, T> parse;

        /**
         * @param what the id's name with its article, for messages, e.g. "a member id"
         * @param parse the library's factory, which refuses bad text with its own exception
         */
        StringReader(Class<T> type, String what, java.util.function.Function<String, T> parse) {
            super(type);
            this.what = what;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, what);
            try {
                return parse.apply(text);
            } catch (LoyaltyException e) {
                throw Failures.of(p, "not " + what, e);
            }
        }
    }

    static final class LotIdWriter extends StdScalarSerializer<LotId> {
        LotIdWriter() {
            super(LotId.class);
        }

        @Override
        public void serialize(LotId value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeNumber(value.value());
        }
    }

    static final class LotIdReader extends StdScalarDeserializer<LotId> {
        LotIdReader() {
            super(LotId.class);
        }

        @Override
        public LotId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT
                    || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                throw Failures.of(p, "a lot id must be a JSON integer within a long; got "
                        + Failures.shown(p.getText()));
            }
            try {
                return LotId.of(p.getLongValue());
            } catch (LoyaltyException e) {
                throw Failures.of(p, "not a lot id", e);
            }
        }
    }
}
