package io.github.loyaltyrules.jackson;

import static io.github.loyaltyrules.jackson.Samples.ANN;
import static io.github.loyaltyrules.jackson.Samples.BOB;
import static io.github.loyaltyrules.jackson.Samples.MILES;
import static io.github.loyaltyrules.jackson.Samples.PTS;
import static io.github.loyaltyrules.jackson.Samples.T0;
import static io.github.loyaltyrules.jackson.Samples.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.Receipt;
import org.junit.jupiter.api.Test;

/** The documented JSON of every supported type, character for character: the format cannot drift unnoticed. */
class ExactJsonTest {

    private final ObjectMapper json = Samples.mapper();
    private final Samples s = new Samples();

    @Test
    void idsAreBareScalars() throws Exception {
        assertThat(json.writeValueAsString(ANN)).isEqualTo("\"ann\"");
        assertThat(json.writeValueAsString(key("till-7/0001"))).isEqualTo("\"till-7/0001\"");
        assertThat(json.writeValueAsString(LotId.of(42))).isEqualTo("42");
    }

    @Test
    void moneyHasItsAmountAsAStringAtTheCurrencyScale() throws Exception {
        assertThat(json.writeValueAsString(Money.of("12.4", "EUR")))
                .isEqualTo("{\"amount\":\"12.40\",\"currency\":\"EUR\"}");
        assertThat(json.writeValueAsString(Money.of("-1000", "JPY")))
                .isEqualTo("{\"amount\":\"-1000\",\"currency\":\"JPY\"}");
    }

    @Test
    void pointsHaveTheirMinorUnitsAsAnInteger() throws Exception {
        assertThat(json.writeValueAsString(PTS.points(120))).isEqualTo("{\"amount\":120,\"currency\":\"PTS\"}");
        assertThat(json.writeValueAsString(MILES.points(1250))).isEqualTo("{\"amount\":1250,\"currency\":\"MILES\"}");
    }

    @Test
    void pointCurrencyIsItsPlainData() throws Exception {
        assertThat(json.writeValueAsString(PTS)).isEqualTo("{\"code\":\"PTS\",\"name\":\"Points\",\"decimals\":0,"
                + "\"hold\":\"P0D\",\"activity\":[\"EARN\",\"REDEEM\",\"CAPTURE\"],"
                + "\"expiry\":\"end of the day P12M after earning\"}");
        assertThat(json.writeValueAsString(MILES)).isEqualTo("{\"code\":\"MILES\",\"name\":\"Miles\",\"decimals\":2,"
                + "\"hold\":\"P14D\",\"activity\":[\"EARN\",\"REDEEM\",\"CAPTURE\"],\"expiry\":\"never\","
                + "\"consumption\":\"OLDEST_FIRST\"}");
    }

    @Test
    void receiptWithItsAwardsPostingsAndEntries() throws Exception {
        Receipt receipt = s.program.purchase(ANN, Samples.coffee(), T0, key("till-7/0001"));
        assertThat(json.writeValueAsString(receipt)).isEqualTo("{\"key\":\"till-7/0001\",\"member\":\"ann\","
                + "\"programVersion\":\"v1\",\"at\":\"2026-03-02T10:15:00Z\",\"awards\":[{\"ruleId\":\"coffee-x2\","
                + "\"ruleName\":\"Double points on coffee\",\"currency\":\"PTS\",\"amount\":6,\"lineShares\":{\"1\":6},"
                + "\"explanation\":{\"base\":\"3.40 GBP on 1 coffee line\",\"rate\":\"1 pt per 1.00\","
                + "\"multiplier\":\"2x\",\"rounding\":\"floor to whole points\",\"cap\":\"\"}}],"
                + "\"postings\":[" + EARN_POSTING + "],\"clawBack\":false}");
        assertThat(json.writeValueAsString(receipt.postings().get(0))).isEqualTo(EARN_POSTING);
        assertThat(json.writeValueAsString(receipt.awards().get(0).explanation())).isEqualTo("{\"base\":"
                + "\"3.40 GBP on 1 coffee line\",\"rate\":\"1 pt per 1.00\",\"multiplier\":\"2x\","
                + "\"rounding\":\"floor to whole points\",\"cap\":\"\"}");
    }

    private static final String EARN_POSTING = "{\"key\":\"till-7/0001#PTS\",\"type\":\"EARN\",\"member\":\"ann\","
            + "\"counterparty\":null,\"currency\":\"PTS\",\"amount\":6,\"at\":\"2026-03-02T10:15:00Z\","
            + "\"reason\":\"purchase till-7/0001: Double points on coffee\",\"target\":null,"
            + "\"fingerprint\":\"EARN for member ann of 6 PTS at 2026-03-02T10:15:00Z (purchase till-7/0001: "
            + "Double points on coffee)\",\"entries\":[{\"sequence\":1,\"posting\":\"till-7/0001#PTS\","
            + "\"postingType\":\"EARN\",\"type\":\"EARN\",\"member\":\"ann\",\"currency\":\"PTS\",\"amount\":6,"
            + "\"heldDelta\":0,\"debtDelta\":0,\"at\":\"2026-03-02T10:15:00Z\","
            + "\"reason\":\"purchase till-7/0001: Double points on coffee\","
            + "\"lots\":[{\"lot\":1,\"delta\":6,\"heldDelta\":0}]}]}";

    @Test
    void transferWithItsCounterpartyAndTwoEntries() throws Exception {
        s.ledger.earn(ANN, PTS.points(6), T0, key("e-1"), "welcome");
        var transfer = s.ledger.transfer(ANN, BOB, PTS.points(2), T0.plusSeconds(60), key("t-1"), "gift");
        assertThat(json.writeValueAsString(transfer)).isEqualTo("{\"key\":\"t-1\",\"type\":\"TRANSFER\","
                + "\"member\":\"ann\",\"counterparty\":\"bob\",\"currency\":\"PTS\",\"amount\":2,"
                + "\"at\":\"2026-03-02T10:16:00Z\",\"reason\":\"gift\",\"target\":null,"
                + "\"fingerprint\":\"TRANSFER for member ann to bob of 2 PTS at 2026-03-02T10:16:00Z (gift)\","
                + "\"entries\":[{\"sequence\":2,\"posting\":\"t-1\",\"postingType\":\"TRANSFER\","
                + "\"type\":\"TRANSFER_OUT\",\"member\":\"ann\",\"currency\":\"PTS\",\"amount\":-2,\"heldDelta\":0,"
                + "\"debtDelta\":0,\"at\":\"2026-03-02T10:16:00Z\",\"reason\":\"gift (to bob)\","
                + "\"lots\":[{\"lot\":1,\"delta\":-2,\"heldDelta\":0}]},{\"sequence\":1,\"posting\":\"t-1\","
                + "\"postingType\":\"TRANSFER\",\"type\":\"TRANSFER_IN\",\"member\":\"bob\",\"currency\":\"PTS\","
                + "\"amount\":2,\"heldDelta\":0,\"debtDelta\":0,\"at\":\"2026-03-02T10:16:00Z\","
                + "\"reason\":\"gift (from ann)\",\"lots\":[{\"lot\":1,\"delta\":2,\"heldDelta\":0}]}]}");
    }

    @Test
    void balanceHasItsPartsOnly() throws Exception {
        s.ledger.earn(ANN, MILES.points(1250), T0, key("e-1"), "welcome");
        assertThat(json.writeValueAsString(s.ledger.balance(ANN, MILES, T0.plusSeconds(60)))).isEqualTo(
                "{\"member\":\"ann\",\"currency\":\"MILES\",\"asOf\":\"2026-03-02T10:16:00Z\",\"total\":1250,"
                + "\"available\":0,\"pending\":1250,\"reserved\":0,\"expired\":0,\"debt\":0}");
    }

    @Test
    void lotWithAndWithoutAnExpiry() throws Exception {
        s.ledger.earn(ANN, PTS.points(6), T0, key("e-1"), "welcome");
        s.ledger.earn(ANN, MILES.points(1250), T0, key("e-2"), "welcome");
        assertThat(json.writeValueAsString(s.ledger.lots(ANN, PTS))).isEqualTo("[{\"id\":1,\"currency\":\"PTS\","
                + "\"original\":6,\"remaining\":6,\"earnedAt\":\"2026-03-02T10:15:00Z\","
                + "\"availableAt\":\"2026-03-02T10:15:00Z\",\"expiresAt\":\"2027-03-03T00:00:00Z\",\"source\":\"e-1\","
                + "\"lastMovementAt\":\"2026-03-02T10:15:00Z\"}]");
        assertThat(json.writeValueAsString(s.ledger.lots(ANN, MILES))).isEqualTo("[{\"id\":2,\"currency\":\"MILES\","
                + "\"original\":1250,\"remaining\":1250,\"earnedAt\":\"2026-03-02T10:15:00Z\","
                + "\"availableAt\":\"2026-03-16T10:15:00Z\",\"expiresAt\":null,\"source\":\"e-2\","
                + "\"lastMovementAt\":\"2026-03-02T10:15:00Z\"}]");
    }
}
