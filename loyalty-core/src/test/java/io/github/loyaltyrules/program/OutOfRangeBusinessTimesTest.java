package io.github.loyaltyrules.program;

import static io.github.loyaltyrules.program.LoyaltyProgramTest.ANN;
import static io.github.loyaltyrules.program.LoyaltyProgramTest.PTS;
import static io.github.loyaltyrules.program.LoyaltyProgramTest.T0;
import static io.github.loyaltyrules.program.LoyaltyProgramTest.basket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.rule.MemberEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * A business time that java.time cannot put in a zone (Instant.MAX, Instant.MIN), or any outside
 * years 1 to 9999, is refused by every entry point of the ledger and the facade with
 * {@link InvalidRequestException} naming the value, and changes nothing.
 */
class OutOfRangeBusinessTimesTest {

    static final List<Instant> OUT_OF_RANGE = List.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("0000-12-31T23:59:59.999999999Z"));
    static final MemberId BOB = MemberId.of("bob");

    private final LoyaltyProgram program = programWithHistory();

    private static LoyaltyProgram programWithHistory() {
        LoyaltyProgram p = LoyaltyProgramTest.program();
        p.enrol(BOB, T0.minusSeconds(3600));
        p.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        p.reserve(ANN, PTS.points(2), Duration.ofMinutes(10), T0, IdempotencyKey.of("hold-1"), "checkout");
        return p;
    }

    /** Everything a rejected call could have touched. */
    private Map<String, Object> snapshot() {
        Ledger ledger = program.ledger();
        Map<String, Object> s = new LinkedHashMap<>();
        for (MemberId m : List.of(ANN, BOB)) {
            s.put(m + " account", ledger.account(m));
            s.put(m + " balance", ledger.balance(m, PTS));
            s.put(m + " lots", ledger.lots(m, PTS));
            s.put(m + " statement", ledger.statement(m));
        }
        s.put("new posting", ledger.posting(IdempotencyKey.of("new")));
        s.put("new receipt", program.receipt(IdempotencyKey.of("new")));
        s.put("members", ledger.members(null, 10));
        return s;
    }

    private void refused(String what, Function<Instant, Object> call) {
        for (Instant t : OUT_OF_RANGE) {
            Map<String, Object> before = snapshot();
            Throwable thrown = catchThrowable(() -> call.apply(t));
            assertThat(thrown).as(what + " at " + t).isInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining(t.toString()).hasMessageContaining("years 1 to 9999");
            assertThat(thrown.getMessage()).hasSizeLessThan(300);
            assertThat(snapshot()).as(what + " at " + t + " changes nothing").isEqualTo(before);
        }
    }

    private static IdempotencyKey key() {
        return IdempotencyKey.of("new");
    }

    @Test
    void theLedgerRefusesThem() {
        Ledger ledger = program.ledger();
        refused("enrol", t -> ledger.enrol(MemberId.of("carl"), t));
        refused("suspend", t -> ledger.suspend(ANN, t, "why"));
        refused("reactivate", t -> ledger.reactivate(ANN, t, "why"));
        refused("close", t -> ledger.close(ANN, t, "why"));
        refused("earn", t -> ledger.earn(ANN, PTS.points(5), t, key(), "x"));
        refused("adjust credit", t -> ledger.adjustCredit(ANN, PTS.points(5), t, key(), "x"));
        refused("redeem", t -> ledger.redeem(ANN, PTS.points(1), t, key(), "x"));
        refused("adjust debit", t -> ledger.adjustDebit(ANN, PTS.points(1), t, key(), "x"));
        refused("reserve", t -> ledger.reserve(ANN, PTS.points(1), Duration.ofMinutes(1), t, key(), "x"));
        refused("capture", t -> ledger.capture(ANN, IdempotencyKey.of("hold-1"), t, key()));
        refused("release", t -> ledger.release(ANN, IdempotencyKey.of("hold-1"), t, key()));
        refused("reverse", t -> ledger.reverse(ANN, IdempotencyKey.of("hold-1"), t, key(), "x"));
        refused("transfer", t -> ledger.transfer(ANN, BOB, PTS.points(1), t, key(), "gift"));
        refused("batch", t -> ledger.post(List.of(new PostingRequest.Earn(ANN, PTS.points(1), T0, key(), "x"),
                new PostingRequest.Earn(BOB, PTS.points(1), t, IdempotencyKey.of("new-2"), "x"))));
        refused("expire", ledger::expire);
        refused("balance as of", t -> ledger.balance(ANN, PTS, t));
    }

    @Test
    void theFacadeRefusesThem() {
        refused("enrol", t -> program.enrol(MemberId.of("carl"), t));
        refused("purchase", t -> program.purchase(ANN, basket(), t, key()));
        refused("event", t -> program.event(ANN, new MemberEvent("review", Map.of()), t, key()));
        refused("return", t -> program.returnPurchase(ANN, IdempotencyKey.of("order-1"), Map.of("1", 1L), t, key()));
        refused("reward", t -> program.redeemReward(ANN, "cup", t, key()));
        refused("redeem", t -> program.redeem(ANN, PTS.points(1), t, key(), "x"));
        refused("reserve", t -> program.reserve(ANN, PTS.points(1), Duration.ofMinutes(1), t, key(), "x"));
        refused("capture", t -> program.capture(ANN, IdempotencyKey.of("hold-1"), t, key()));
        refused("release", t -> program.release(ANN, IdempotencyKey.of("hold-1"), t, key()));
    }

    @Test
    void theEdgesOfTheRangeAreBusinessTimes() {
        Ledger ledger = program.ledger();
        ledger.enrol(MemberId.of("early"), Instant.parse("0001-01-01T00:00:00Z"));
        ledger.enrol(MemberId.of("late"), Instant.parse("9999-12-31T23:59:59.999999999Z"));
        assertThat(ledger.balance(ANN, PTS, Instant.parse("9999-12-31T23:59:59Z")).total())
                .isEqualTo(ledger.balance(ANN, PTS).total());
    }
}
