package io.github.loyaltyrules.jackson;

import static io.github.loyaltyrules.jackson.Samples.ANN;
import static io.github.loyaltyrules.jackson.Samples.BOB;
import static io.github.loyaltyrules.jackson.Samples.MILES;
import static io.github.loyaltyrules.jackson.Samples.PTS;
import static io.github.loyaltyrules.jackson.Samples.T0;
import static io.github.loyaltyrules.jackson.Samples.key;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.LotId;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.Award;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every supported type written and read back by a plain mapper with the module gives an equal value. */
class RoundTripTest {

    private final ObjectMapper json = Samples.mapper();
    private final Samples s = new Samples();

    private <T> T again(T value, Class<T> type) throws Exception {
        return json.readValue(json.writeValueAsString(value), type);
    }

    @Test
    void ids() throws Exception {
        assertThat(again(ANN, MemberId.class)).isEqualTo(ANN);
        assertThat(again(key("till-7/0001"), IdempotencyKey.class)).isEqualTo(key("till-7/0001"));
        IdempotencyKey system = new IdempotencyKey(IdempotencyKey.SYSTEM_PREFIX + "expiry/2026-03-01/PTS");
        assertThat(again(system, IdempotencyKey.class)).isEqualTo(system);
        assertThat(again(LotId.of(Long.MAX_VALUE), LotId.class)).isEqualTo(LotId.of(Long.MAX_VALUE));
    }

    @Test
    void moneyAndPoints() throws Exception {
        for (Money m : List.of(Money.of("12.40", "EUR"), Money.of("-0.01", "EUR"), Money.of("0", "JPY"),
                Money.of("123456789012345678901234567890.123", "BHD"))) {
            assertThat(again(m, Money.class)).isEqualTo(m);
        }
        for (Points p : List.of(PTS.points(0), PTS.points(120), MILES.points(Long.MAX_VALUE))) {
            Points back = again(p, Points.class);
            assertThat(back).isEqualTo(p);
            assertThat(back.currency()).isSameAs(p.currency());
        }
    }

    @Test
    void pointCurrencies() throws Exception {
        assertThat(again(PTS, PointCurrency.class)).isSameAs(PTS);
        assertThat(again(MILES, PointCurrency.class)).isSameAs(MILES);
        // as the ledger has them, its configuration included
        Map<String, PointCurrency> configured = json.readValue(json.writeValueAsString(s.ledger.currencies()),
                new TypeReference<Map<String, PointCurrency>>() { });
        assertThat(configured).isEqualTo(s.ledger.currencies());
    }

    @Test
    void receiptsAwardsPostingsAndEntries() throws Exception {
        Receipt receipt = s.program.purchase(ANN, Samples.coffee(), T0, key("till-7/0001"));
        assertThat(again(receipt, Receipt.class)).isEqualTo(receipt);
        Award award = receipt.awards().get(0);
        assertThat(again(award, Award.class)).isEqualTo(award);
        Posting earn = receipt.postings().get(0);
        assertThat(again(earn, Posting.class)).isEqualTo(earn);
        Entry entry = earn.entries().get(0);
        assertThat(again(entry, Entry.class)).isEqualTo(entry);
    }

    @Test
    void postingsOfEveryShape() throws Exception {
        s.ledger.earn(ANN, PTS.points(100), T0, key("e-1"), "welcome");
        List<Posting> postings = List.of(
                s.ledger.transfer(ANN, BOB, PTS.points(10), T0.plusSeconds(1), key("t-1"), "gift"),
                s.ledger.redeem(ANN, PTS.points(5), T0.plusSeconds(2), key("r-1"), "coffee"),
                s.ledger.reverse(ANN, key("r-1"), T0.plusSeconds(3), key("rv-1"), "refund"),
                s.ledger.reverse(ANN, key("e-1"), PTS.points(7), T0.plusSeconds(4), key("rv-2"), "part"),
                s.ledger.reserve(ANN, PTS.points(20), Duration.ofHours(1), T0.plusSeconds(5), key("h-1"), "hold"),
                s.ledger.capture(ANN, key("h-1"), T0.plusSeconds(6), key("c-1")),
                s.ledger.adjustDebit(ANN, PTS.points(1), T0.plusSeconds(7), key("a-1"), "correction"));
        for (Posting p : postings) {
            assertThat(again(p, Posting.class)).as(p.type().name()).isEqualTo(p);
        }
    }

    @Test
    void balancesAndLots() throws Exception {
        s.ledger.earn(ANN, PTS.points(100), T0, key("e-1"), "welcome");
        s.ledger.earn(ANN, MILES.points(1250), T0, key("e-2"), "welcome");
        s.ledger.reserve(ANN, PTS.points(20), Duration.ofHours(1), T0.plusSeconds(5), key("h-1"), "hold");
        for (PointCurrency c : List.of(PTS, MILES)) {
            Balance balance = s.ledger.balance(ANN, c, T0.plusSeconds(60));
            assertThat(again(balance, Balance.class)).isEqualTo(balance);
            List<Lot> lots = s.ledger.lots(ANN, c);
            assertThat(json.readValue(json.writeValueAsString(lots), new TypeReference<List<Lot>>() { }))
                    .isEqualTo(lots);
        }
    }
}
