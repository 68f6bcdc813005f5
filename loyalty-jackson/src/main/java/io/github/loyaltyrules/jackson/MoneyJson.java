package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.Money;
import java.io.IOException;

/** Money as {"amount":"12.40","currency":"EUR"}: the amount a string at the currency's scale. */
final class MoneyJson {

    private MoneyJson() {
    }

    static final class Writer extends StdSerializer<Money> {
        Writer() {
            super(Money.class);
        }

        @Override
        public void serialize(Money value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeStringField("amount", value.amount().toPlainString());
            g.writeStringField("currency", value.currency().getCurrencyCode());
            g.writeEndObject();
        }
    }

    static final class Reader extends StdDeserializer<Money> {
        Reader() {
            super(Money.class);
        }

        /** Reads the amount from a string, or exactly from a JSON number's text as written. */
        @Override
        public Money deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            ScalarFields fields = ScalarFields.read("money", p, ctxt, "amount", "currency");
            JsonToken amountToken = fields.token("amount");
            if (amountToken != JsonToken.VALUE_STRING && amountToken != JsonToken.VALUE_NUMBER_INT
                    && amountToken != JsonToken.VALUE_NUMBER_FLOAT) {
                throw Failures.of(p, "field 'amount' of money must be a decimal string such as \"12.40\"; got "
                        + amountToken);
            }
            String amount = fields.text("amount");
            String currency = fields.string("currency");
            try {
                return Money.of(amount, currency);
            } catch (LoyaltyException e) {
                throw Failures.of(p, "not money", e);
            }
        }
    }
}
