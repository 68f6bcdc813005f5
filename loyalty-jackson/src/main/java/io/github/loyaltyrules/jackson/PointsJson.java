package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import java.io.IOException;
import java.util.Map;

/** Points as {"amount":120,"currency":"PTS"}: the amount in minor units, the currency by code. */
final class PointsJson {

    private PointsJson() {
    }

    /** The configured currency with the given code, or a failure naming the code and the known ones. */
    static PointCurrency currency(JsonParser p, Map<String, PointCurrency> currencies, String code)
            throws JsonMappingException {
        PointCurrency currency = currencies.get(code);
        if (currency != null) {
            return currency;
        }
        if (currencies.isEmpty()) {
            throw Failures.of(p, "unknown point currency '" + Failures.shown(code) + "': this LoyaltyModule knows "
                    + "no point currencies; build it with LoyaltyModule.withCurrencies(ledger.currencies().values())");
        }
        throw Failures.of(p, "unknown point currency '" + Failures.shown(code) + "'; this LoyaltyModule knows "
                + String.join(", ", currencies.keySet()));
    }

    static final class Writer extends StdSerializer<Points> {
        Writer() {
            super(Points.class);
        }

        @Override
        public void serialize(Points value, JsonGenerator g, SerializerProvider provider) throws IOException {
            g.writeStartObject();
            g.writeNumberField("amount", value.minorUnits());
            g.writeStringField("currency", value.currency().code());
            g.writeEndObject();
        }
    }

    static final class Reader extends StdDeserializer<Points> {
        private final Map<String, PointCurrency> currencies;

        Reader(Map<String, PointCurrency> currencies) {
            super(Points.class);
            this.currencies = currencies;
        }

        @Override
        public Points deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            ScalarFields fields = ScalarFields.read("points", p, ctxt, "amount", "currency");
            long amount = fields.integer("amount");
            PointCurrency currency = currency(p, currencies, fields.string("currency"));
            try {
                return Points.of(currency, amount);
            } catch (LoyaltyException e) {
                throw Failures.of(p, "not points", e);
            }
        }
    }
}
