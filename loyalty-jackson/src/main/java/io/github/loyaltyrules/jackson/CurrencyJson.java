package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.github.loyaltyrules.ledger.ConsumptionOrder;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingType;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * A point currency as its plain data: {"code":"PTS","name":"Points","decimals":0,"hold":"P0D",
 * "activity":["EARN","REDEEM","CAPTURE"],"expiry":"never"}, and "consumption":"OLDEST_FIRST" for a currency
 * that spends oldest first (absent for the default order). The expiry policy is written as its description
 * only, so a currency is read back by code from the configured ones, every other field present checked
 * against the configured currency.
 */
final class CurrencyJson {

    static final String[] FIELDS = {"code", "name", "decimals", "hold", "activity", "expiry", "consumption"};

    private CurrencyJson() {
    }

    /** The currency's plain data as a JSON object. */
    static ObjectNode tree(PointCurrency currency) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("code", currency.code());
        node.put("name", currency.displayName());
        node.put("decimals", currency.decimalPlaces());
        node.put("hold", currency.hold().toString());
        ArrayNode activity = node.putArray("activity");
        for (PostingType t : PostingType.values()) { // declaration order: one text per set
            if (currency.activity().contains(t)) {
                activity.add(t.name());
            }
        }
        node.put("expiry", currency.expiry().toString());
        if (currency.consumptionOrder() != ConsumptionOrder.SOONEST_EXPIRY_FIRST) {
            node.put("consumption", currency.consumptionOrder().name());
        }
        return node;
    }

    static final class Writer extends StdSerializer<PointCurrency> {
        Writer() {
            super(PointCurrency.class);
        }

        @Override
        public void serialize(PointCurrency value, JsonGenerator g, SerializerProvider provider) throws IOException {
            tree(value).serialize(g, provider);
        }
    }

    static final class Reader extends StdDeserializer<PointCurrency> {
        private final Map<String, PointCurrency> currencies;

        Reader(Map<String, PointCurrency> currencies) {
            super(PointCurrency.class);
            this.currencies = currencies;
        }

        @Override
        public PointCurrency deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            if (!node.isObject()) {
                throw Failures.of(p, "a point currency must be a JSON object; got " + node.getNodeType());
            }
            if (ctxt.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)) {
                for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                    String name = names.next();
                    if (!Set.of(FIELDS).contains(name)) {
                        throw Failures.of(p, "a point currency has no field '" + Failures.shown(name)
                                + "'; its fields are " + String.join(", ", FIELDS));
                    }
                }
            }
            JsonNode code = node.get("code");
            if (code == null || !code.isTextual()) {
                throw Failures.of(p, "a point currency needs its code as a JSON string");
            }
            PointCurrency configured = PointsJson.currency(p, currencies, code.asText());
            ObjectNode written = tree(configured);
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonNode expected = written.get(field.getKey());
                if (expected == null && field.getKey().equals("consumption")) {
                    expected = JsonNodeFactory.instance.textNode(configured.consumptionOrder().name());
                }
                if (expected != null && !expected.equals(field.getValue())) {
                    throw Failures.of(p, "point currency " + configured.code() + " has " + field.getKey() + " "
                            + Failures.shown(field.getValue().toString()) + " in the JSON but "
                            + expected + " in the configured currency");
                }
            }
            return configured;
        }
    }
}
