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

    static final class MemberIdWriter extends StdScalarSerializer<MemberId> {
        MemberIdWriter() {
            super(MemberId.class);
        }

        @Override
        public void serialize(MemberId value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(value.value());
        }
    }

    static final class MemberIdReader extends StdScalarDeserializer<MemberId> {
        MemberIdReader() {
            super(MemberId.class);
        }

        @Override
        public MemberId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, "a member id");
            try {
                return MemberId.of(text);
            } catch (LoyaltyException e) {
                throw Failures.of(p, "not a member id", e);
            }
        }
    }

    static final class KeyWriter extends StdScalarSerializer<IdempotencyKey> {
        KeyWriter() {
            super(IdempotencyKey.class);
        }

        @Override
        public void serialize(IdempotencyKey value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeString(value.value());
        }
    }

    static final class KeyReader extends StdScalarDeserializer<IdempotencyKey> {
        KeyReader() {
            super(IdempotencyKey.class);
        }

        @Override
        public IdempotencyKey deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = text(p, "an idempotency key");
            try {
                // the canonical constructor: a posting the ledger made for itself has a system key ("~...")
                return new IdempotencyKey(text);
            } catch (LoyaltyException e) {
                throw Failures.of(p, "not an idempotency key", e);
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
