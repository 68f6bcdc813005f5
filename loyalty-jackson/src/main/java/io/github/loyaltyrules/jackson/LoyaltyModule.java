package io.github.loyaltyrules.jackson;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.module.SimpleDeserializers;
import com.fasterxml.jackson.databind.module.SimpleSerializers;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.LotMovement;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Explanation;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Jackson module that writes and reads loyalty-core's value types as plain JSON, with no annotations in
 * the library itself:
 *
 * <ul>
 *   <li>{@link MemberId} and {@link IdempotencyKey} as JSON strings, {@link LotId} as a JSON integer;</li>
 *   <li>{@link Money} as {@code {"amount":"12.40","currency":"EUR"}}, the amount a string (exact, never a
 *       binary floating-point number);</li>
 *   <li>{@link Points} as {@code {"amount":120,"currency":"PTS"}}, the amount in minor units;</li>
 *   <li>{@link PointCurrency} as {@code {"code":"PTS","name":"Points","decimals":0,"hold":"P0D",
 *       "activity":["EARN","REDEEM","CAPTURE"],"expiry":"never"}}; read back by its code from the currencies
 *       the module was built with, every other field present checked against the configured currency;</li>
 *   <li>{@link Balance}, {@link Receipt}, {@link Award}, {@link Explanation}, {@link Posting}, {@link Entry},
 *       {@link LotMovement} and {@link Lot} as objects holding exactly their record components, instants as
 *       ISO-8601 strings such as {@code "2026-03-01T09:30:00Z"}.</li>
 * </ul>
 *
 * <p>Reading {@link Points} or a {@link PointCurrency} needs the program's point currencies:
 * <pre>{@code
 * ObjectMapper json = new ObjectMapper()
 *         .registerModule(LoyaltyModule.withCurrencies(ledger.currencies().values()));
 * }</pre>
 * Input the library refuses (an unknown currency code, an amount with too many decimal places, a malformed
 * id) fails the read with a {@link com.fasterxml.jackson.databind.JsonMappingException} whose message names the
 * value and the rule, and whose cause is the library's own exception where there is one.
 *
 * <p>Jackson registers one module of a type once per mapper (unless its
 * {@code IGNORE_DUPLICATE_MODULE_REGISTRATIONS} feature is turned off): register a single
 * {@code LoyaltyModule} holding all the currencies the mapper will read. The module is immutable.
 *
 * @since 0.1.0
 */
public final class LoyaltyModule extends Module {

    private final Map<String, PointCurrency> currencies;

    private LoyaltyModule(Map<String, PointCurrency> currencies) {
        this.currencies = currencies;
    }

    /**
     * Returns a module that knows no point currencies: it writes every supported type and reads all but
     * {@link Points} and {@link PointCurrency}, whose reading fails with a message saying how to build the
     * module with currencies.
     *
     * @return the module
     */
    public static LoyaltyModule create() {
        return new LoyaltyModule(Collections.emptyMap());
    }

    /**
     * Returns a module that reads {@link Points} and {@link PointCurrency} in the given point currencies,
     * typically {@code ledger.currencies().values()}.
     *
     * @param currencies the program's point currencies
     * @return the module
     * @throws NullPointerException if {@code currencies} or an element is null
     * @throws IllegalArgumentException if two different currencies share a code
     */
    public static LoyaltyModule withCurrencies(Collection<PointCurrency> currencies) {
        Objects.requireNonNull(currencies, "currencies must not be null");
        Map<String, PointCurrency> byCode = new TreeMap<>();
        for (PointCurrency c : currencies) {
            Objects.requireNonNull(c, "a point currency must not be null");
            PointCurrency earlier = byCode.putIfAbsent(c.code(), c);
            if (earlier != null && !earlier.equals(c)) {
                throw new IllegalArgumentException("two different point currencies have the code " + c.code()
                        + "; a module reads each code in one currency");
            }
        }
        return new LoyaltyModule(Collections.unmodifiableMap(byCode));
    }

    /**
     * Returns the point currencies this module reads, by code.
     *
     * @return the currencies, unmodifiable, sorted by code
     */
    public Map<String, PointCurrency> currencies() {
        return currencies;
    }

    /**
     * Returns the module's name, {@code "loyalty"}.
     *
     * @return the name
     */
    @Override
    public String getModuleName() {
        return "loyalty";
    }

    /**
     * Returns {@link Version#unknownVersion()}: the module's version is the loyalty library's.
     *
     * @return the version
     */
    @Override
    public Version version() {
        return Version.unknownVersion();
    }

    /**
     * Adds the module's serializers, deserializers and mixins to a mapper; called by Jackson on registration.
     *
     * @param context the mapper's setup context
     */
    @Override
    public void setupModule(SetupContext context) {
        SimpleSerializers serializers = new SimpleSerializers();
        SimpleDeserializers deserializers = new SimpleDeserializers();
        serializers.addSerializer(MemberId.class, new IdJson.StringWriter<>(MemberId.class, MemberId::value));
        deserializers.addDeserializer(MemberId.class, new IdJson.StringReader<>(MemberId.class, "a member id",
                MemberId::of));
        serializers.addSerializer(IdempotencyKey.class,
                new IdJson.StringWriter<>(IdempotencyKey.class, IdempotencyKey::value));
        // the canonical constructor: a posting the ledger made for itself has a system key ("~...")
        deserializers.addDeserializer(IdempotencyKey.class, new IdJson.StringReader<>(IdempotencyKey.class,
                "an idempotency key", IdempotencyKey::new));
        serializers.addSerializer(LotId.class, new IdJson.LotIdWriter());
        deserializers.addDeserializer(LotId.class, new IdJson.LotIdReader());
        serializers.addSerializer(Money.class, new MoneyJson.Writer());
        deserializers.addDeserializer(Money.class, new MoneyJson.Reader());
        serializers.addSerializer(Points.class, new PointsJson.Writer());
        deserializers.addDeserializer(Points.class, new PointsJson.Reader(currencies));
        serializers.addSerializer(PointCurrency.class, new CurrencyJson.Writer());
        deserializers.addDeserializer(PointCurrency.class, new CurrencyJson.Reader(currencies));
        context.addSerializers(serializers);
        context.addDeserializers(deserializers);
        context.setMixInAnnotations(Balance.class, Mixins.BalanceMixin.class);
        context.setMixInAnnotations(Lot.class, Mixins.LotMixin.class);
        context.setMixInAnnotations(Entry.class, Mixins.EntryMixin.class);
        context.setMixInAnnotations(LotMovement.class, Mixins.LotMovementMixin.class);
        context.setMixInAnnotations(Posting.class, Mixins.PostingMixin.class);
        context.setMixInAnnotations(Receipt.class, Mixins.ReceiptMixin.class);
        context.setMixInAnnotations(Award.class, Mixins.AwardMixin.class);
        context.setMixInAnnotations(Explanation.class, Mixins.ExplanationMixin.class);
    }
}
