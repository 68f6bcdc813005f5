package io.github.loyaltyrules.jackson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Input the library refuses fails the read with a message naming the value and the rule. */
class ReadFailuresTest {

    private final ObjectMapper json = Samples.mapper();

    @Test
    void pointsInAnUnknownCurrencyNameTheCodeAndTheKnownOnes() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":1,\"currency\":\"STARS\"}", Points.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageStartingWith("unknown point currency 'STARS'; this LoyaltyModule knows MILES, PTS");
        assertThatThrownBy(() -> json.readValue("{\"code\":\"STARS\"}", PointCurrency.class))
                .hasMessageStartingWith("unknown point currency 'STARS'");
    }

    @Test
    void aModuleWithoutCurrenciesSaysHowToGiveThem() throws Exception {
        ObjectMapper bare = new ObjectMapper().registerModule(LoyaltyModule.create());
        assertThat(LoyaltyModule.create().currencies()).isEmpty();
        assertThat(bare.writeValueAsString(Samples.PTS.points(3))).isEqualTo("{\"amount\":3,\"currency\":\"PTS\"}");
        assertThatThrownBy(() -> bare.readValue("{\"amount\":3,\"currency\":\"PTS\"}", Points.class))
                .hasMessageContaining("knows no point currencies; build it with "
                        + "LoyaltyModule.withCurrencies(ledger.currencies().values())");
        assertThat(bare.readValue("{\"amount\":\"1.50\",\"currency\":\"EUR\"}", Money.class))
                .isEqualTo(Money.of("1.50", "EUR"));
    }

    @Test
    void twoDifferentCurrenciesWithOneCodeAreRefused() {
        PointCurrency other = PointCurrency.of("PTS", "Other points", 2);
        assertThatThrownBy(() -> LoyaltyModule.withCurrencies(List.of(Samples.PTS, other)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two different point currencies have the code PTS; a module reads each code in one "
                        + "currency");
        assertThat(LoyaltyModule.withCurrencies(List.of(Samples.PTS, Samples.PTS)).currencies()).hasSize(1);
    }

    @Test
    void aCurrencyWhosePlainDataDiffersFromTheConfiguredOneIsRefused() throws Exception {
        assertThatThrownBy(() -> json.readValue("{\"code\":\"PTS\",\"decimals\":2}", PointCurrency.class))
                .hasMessageStartingWith("point currency PTS has decimals 2 in the JSON but 0 in the configured "
                        + "currency");
        assertThatThrownBy(() -> json.readValue("{\"code\":\"PTS\",\"expiry\":\"never\"}", PointCurrency.class))
                .hasMessageStartingWith("point currency PTS has expiry \"never\" in the JSON but "
                        + "\"end of the day P12M after earning\"");
        assertThatThrownBy(() -> json.readValue("{\"code\":\"PTS\",\"consumption\":\"OLDEST_FIRST\"}",
                PointCurrency.class)).hasMessageStartingWith("point currency PTS has consumption \"OLDEST_FIRST\" in "
                        + "the JSON but \"SOONEST_EXPIRY_FIRST\" in the configured currency");
        assertThatThrownBy(() -> json.readValue("{\"code\":\"MILES\",\"consumption\":\"SOONEST_EXPIRY_FIRST\"}",
                PointCurrency.class)).hasMessageStartingWith("point currency MILES has consumption "
                        + "\"SOONEST_EXPIRY_FIRST\" in the JSON but \"OLDEST_FIRST\" in the configured currency");
        assertThat(json.readValue("{\"code\":\"PTS\",\"consumption\":\"SOONEST_EXPIRY_FIRST\"}",
                PointCurrency.class)).isSameAs(Samples.PTS);
        assertThatThrownBy(() -> json.readValue("{\"code\":\"PTS\",\"colour\":\"red\"}", PointCurrency.class))
                .hasMessageStartingWith("a point currency has no field 'colour'");
        assertThatThrownBy(() -> json.readValue("{\"name\":\"Points\"}", PointCurrency.class))
                .hasMessageStartingWith("a point currency needs its code as a JSON string");
        assertThatThrownBy(() -> json.readValue("\"PTS\"", PointCurrency.class))
                .hasMessageStartingWith("a point currency must be a JSON object");
    }

    @Test
    void moneyTheLibraryRefusesFailsWithItsException() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1.234\",\"currency\":\"EUR\"}", Money.class))
                .isInstanceOf(JsonMappingException.class)
                .hasMessageStartingWith("not money: amount of EUR must have at most 2 decimal places; got 1.234")
                .hasCauseInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1.00\",\"currency\":\"XXQ\"}", Money.class))
                .hasCauseInstanceOf(UnknownCurrencyException.class);
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1e200\",\"currency\":\"EUR\"}", Money.class))
                .hasCauseInstanceOf(AmountOverflowException.class);
        assertThatThrownBy(() -> json.readValue("{\"amount\":true,\"currency\":\"EUR\"}", Money.class))
                .hasMessageStartingWith("field 'amount' of money must be a decimal string such as \"12.40\"");
        assertThatThrownBy(() -> json.readValue("{\"currency\":\"EUR\"}", Money.class))
                .hasMessageStartingWith("money needs the field 'amount'");
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1\",\"amount\":\"2\",\"currency\":\"EUR\"}",
                Money.class)).hasMessageStartingWith("money has the field 'amount' twice");
        assertThatThrownBy(() -> json.readValue("{\"amount\":{},\"currency\":\"EUR\"}", Money.class))
                .hasMessageStartingWith("field 'amount' of money must be a JSON string or number");
        assertThatThrownBy(() -> json.readValue("[]", Money.class))
                .hasMessageStartingWith("money must be a JSON object");
    }

    @Test
    void aNumericMoneyAmountIsReadExactlyAsWritten() throws Exception {
        assertThat(json.readValue("{\"amount\":12.40,\"currency\":\"EUR\"}", Money.class))
                .isEqualTo(Money.of("12.40", "EUR"));
        assertThat(json.readValue("{\"amount\":12345678901234567890.12,\"currency\":\"EUR\"}", Money.class))
                .isEqualTo(Money.of("12345678901234567890.12", "EUR"));
    }

    @Test
    void unknownFieldsFollowTheMappersSetting() throws Exception {
        assertThatThrownBy(() -> json.readValue("{\"amount\":1,\"currency\":\"PTS\",\"x\":1}", Points.class))
                .hasMessageStartingWith("points has no field 'x'; its fields are amount, currency");
        ObjectMapper lenient = Samples.mapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        assertThat(lenient.readValue("{\"x\":[1],\"amount\":1,\"currency\":\"PTS\"}", Points.class))
                .isEqualTo(Samples.PTS.points(1));
        assertThat(lenient.readValue("{\"code\":\"PTS\",\"x\":1}", PointCurrency.class)).isSameAs(Samples.PTS);
    }

    @Test
    void pointsAmountsMustBeNonNegativeIntegersWithinALong() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":-1,\"currency\":\"PTS\"}", Points.class))
                .hasMessageStartingWith("not points: points must not be negative")
                .hasCauseInstanceOf(InvalidAmountException.class);
        assertThatThrownBy(() -> json.readValue("{\"amount\":1.5,\"currency\":\"PTS\"}", Points.class))
                .hasMessageStartingWith("field 'amount' of points must be a JSON integer; got 1.5");
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1\",\"currency\":\"PTS\"}", Points.class))
                .hasMessageStartingWith("field 'amount' of points must be a JSON integer");
        assertThatThrownBy(() -> json.readValue("{\"amount\":9223372036854775808,\"currency\":\"PTS\"}",
                Points.class)).hasMessageStartingWith("field 'amount' of points must be within a long");
        assertThatThrownBy(() -> json.readValue("{\"amount\":1,\"currency\":7}", Points.class))
                .hasMessageStartingWith("field 'currency' of points must be a JSON string");
    }

    @Test
    void malformedIdsAndInstantsFail() {
        assertThatThrownBy(() -> json.readValue("\"  \"", MemberId.class))
                .hasMessageStartingWith("not a member id")
                .hasCauseInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> json.readValue("7", MemberId.class))
                .hasMessageStartingWith("a member id must be a JSON string");
        assertThatThrownBy(() -> json.readValue("\"\"", IdempotencyKey.class))
                .hasMessageStartingWith("not an idempotency key");
        assertThatThrownBy(() -> json.readValue("0", LotId.class)).hasMessageStartingWith("not a lot id");
        assertThatThrownBy(() -> json.readValue("\"1\"", LotId.class))
                .hasMessageStartingWith("a lot id must be a JSON integer within a long");
        String balance = "{\"member\":\"ann\",\"currency\":\"PTS\",\"asOf\":\"%s\",\"total\":0,\"available\":0,"
                + "\"pending\":0,\"reserved\":0,\"expired\":0,\"debt\":0}";
        assertThatThrownBy(() -> json.readValue(String.format(balance, "yesterday"), Balance.class))
                .hasMessageStartingWith("an instant must be ISO-8601 text such as \"2026-03-01T09:30:00Z\"; "
                        + "got \"yesterday\"");
        assertThatThrownBy(() -> json.readValue(String.format(balance, "x".repeat(100)), Balance.class))
                .hasMessageContaining("... (100 characters)");
    }
}
