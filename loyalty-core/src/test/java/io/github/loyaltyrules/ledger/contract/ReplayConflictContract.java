package io.github.loyaltyrules.ledger.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyConflictException.Field;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key replayed with other content is compared part by part with the request that first used it, on
 * every store: the conflict names the first part that differs (as a {@link Field} and in the message),
 * prints none of the first request's values, and changes nothing. Subclasses supply a fresh store.
 */
public abstract class ReplayConflictContract {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final Instant AT = T0.minusSeconds(600);
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency CASH = PointCurrency.of("CASH", "Cashback", 2);
    static final MemberId ANN = MemberId.of("ann");
    static final MemberId BOB = MemberId.of("bob");
    static final MemberId CAT = MemberId.of("cat");
    /** The reason of every first request: a conflict's message must never show it. */
    static final String SECRET = "for Ann Example, +31 6 1234 5678";

    Ledger ledger;

    /**
     * Returns a new, empty store.
     *
     * @return the store
     * @throws Exception if it cannot be made
     */
    protected abstract LedgerStore newStore() throws Exception;

    @BeforeEach
    void setUp() throws Exception {
        ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).currency(CASH)
                .store(newStore()).build();
        for (MemberId m : List.of(ANN, BOB, CAT)) {
            ledger.enrol(m, T0.minusSeconds(3600));
        }
        ledger.earn(ANN, PTS.points(100), AT, key("earn"), SECRET);
        ledger.earn(ANN, CASH.points(500), AT, key("cash"), SECRET);
        ledger.redeem(ANN, PTS.points(20), AT, key("redeem"), SECRET);
        ledger.transfer(ANN, BOB, PTS.points(10), AT, key("transfer"), SECRET);
        ledger.reserve(ANN, PTS.points(5), Duration.ofHours(1), AT, key("hold"), SECRET);
        ledger.reserve(ANN, PTS.points(5), Duration.ofHours(1), AT, key("hold-2"), SECRET);
        ledger.capture(ANN, key("hold"), AT, key("capture"));
        ledger.reverse(ANN, key("redeem"), PTS.points(3), AT, key("partial"), SECRET);
        ledger.reverse(ANN, key("transfer"), AT, key("full"), SECRET);
    }

    static IdempotencyKey key(String value) {
        return IdempotencyKey.of(value);
    }

    /** Everything a refused replay could have touched. */
    private Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        for (MemberId m : List.of(ANN, BOB, CAT)) {
            s.put(m + " balance", List.of(ledger.balance(m, PTS), ledger.balance(m, CASH)));
            s.put(m + " lots", List.of(ledger.lots(m, PTS), ledger.lots(m, CASH)));
            s.put(m + " statement", ledger.statement(m));
            s.put(m + " reservations", List.of(ledger.reservation(m, key("hold")), ledger.reservation(m, key("hold-2"))));
        }
        return s;
    }

    private void conflicts(Field field, String named, ThrowingCallable replay) {
        Map<String, Object> before = snapshot();
        Throwable thrown = catchThrowable(replay);
        assertThat(thrown).isInstanceOf(IdempotencyConflictException.class);
        IdempotencyConflictException e = (IdempotencyConflictException) thrown;
        assertThat(e.field()).contains(field);
        assertThat(e.reason()).isEqualTo(LoyaltyException.Reason.CONFLICT);
        assertThat(e.getMessage()).contains("was first used for a request with another " + named + ";")
                .doesNotContain(SECRET).doesNotContain("Ann Example").doesNotContain("for Ann");
        assertThat(snapshot()).as("a refused replay changes nothing").isEqualTo(before);
    }

    @Test
    void anEarnNamesEachPartThatDiffers() {
        conflicts(Field.MEMBER, "member", () -> ledger.earn(CAT, PTS.points(100), AT, key("earn"), SECRET));
        conflicts(Field.TYPE, "type (EARN, not ADJUST_CREDIT)",
                () -> ledger.adjustCredit(ANN, PTS.points(100), AT, key("earn"), SECRET));
        conflicts(Field.CURRENCY, "currency", () -> ledger.earn(ANN, CASH.points(100), AT, key("earn"), SECRET));
        conflicts(Field.AMOUNT, "amount", () -> ledger.earn(ANN, PTS.points(101), AT, key("earn"), SECRET));
        conflicts(Field.BUSINESS_TIME, "business time",
                () -> ledger.earn(ANN, PTS.points(100), AT.plusMillis(1), key("earn"), SECRET));
        conflicts(Field.REASON, "reason", () -> ledger.earn(ANN, PTS.points(100), AT, key("earn"), "other"));
        // the first part that differs is named, in the order of the fields
        conflicts(Field.AMOUNT, "amount", () -> ledger.earn(ANN, PTS.points(1), AT.plusSeconds(1), key("earn"), "x"));
    }

    @Test
    void aRedeemAndAnotherKindOfRequestWithItsKey() {
        conflicts(Field.AMOUNT, "amount", () -> ledger.redeem(ANN, PTS.points(21), AT, key("redeem"), SECRET));
        conflicts(Field.TYPE, "type (REDEEM, not TRANSFER)",
                () -> ledger.transfer(ANN, BOB, PTS.points(20), AT, key("redeem"), SECRET));
        conflicts(Field.TYPE, "type (EARN, not RESERVE)",
                () -> ledger.reserve(ANN, PTS.points(100), Duration.ofHours(1), AT, key("earn"), SECRET));
        conflicts(Field.TYPE, "type (REDEEM, not REVERSAL)", () -> ledger.reverse(ANN, key("earn"), AT, key("redeem"),
                SECRET));
    }

    @Test
    void aTransferNamesTheReceiverAndItsOtherParts() {
        conflicts(Field.COUNTERPARTY, "counterparty",
                () -> ledger.transfer(ANN, CAT, PTS.points(10), AT, key("transfer"), SECRET));
        conflicts(Field.MEMBER, "member", () -> ledger.transfer(BOB, ANN, PTS.points(10), AT, key("transfer"), SECRET));
        conflicts(Field.AMOUNT, "amount", () -> ledger.transfer(ANN, BOB, PTS.points(11), AT, key("transfer"), SECRET));
        conflicts(Field.REASON, "reason", () -> ledger.transfer(ANN, BOB, PTS.points(10), AT, key("transfer"), "gift"));
    }

    @Test
    void aReservationNamesItsTimeToLive() {
        conflicts(Field.TIME_TO_LIVE, "time-to-live",
                () -> ledger.reserve(ANN, PTS.points(5), Duration.ofHours(2), AT, key("hold-2"), SECRET));
        conflicts(Field.AMOUNT, "amount",
                () -> ledger.reserve(ANN, PTS.points(6), Duration.ofHours(1), AT, key("hold-2"), SECRET));
        conflicts(Field.REASON, "reason",
                () -> ledger.reserve(ANN, PTS.points(5), Duration.ofHours(1), AT, key("hold-2"), "x"));
    }

    @Test
    void aCaptureNamesTheReservationItCloses() {
        // the reservation is captured already, so the request could not be worked out again: compared all the same
        conflicts(Field.TARGET, "target posting", () -> ledger.capture(ANN, key("hold-2"), AT, key("capture")));
        conflicts(Field.BUSINESS_TIME, "business time",
                () -> ledger.capture(ANN, key("hold"), AT.plusSeconds(1), key("capture")));
        conflicts(Field.TYPE, "type (CAPTURE, not RELEASE)", () -> ledger.release(ANN, key("hold"), AT, key("capture")));
    }

    @Test
    void aReversalNamesAFullAgainstAPartialOneAsTheAmount() {
        // "partial" reversed 3 of "redeem"; "full" reversed all of "transfer", which has nothing left to reverse
        conflicts(Field.AMOUNT, "amount", () -> ledger.reverse(ANN, key("redeem"), AT, key("partial"), SECRET));
        conflicts(Field.AMOUNT, "amount",
                () -> ledger.reverse(ANN, key("redeem"), PTS.points(4), AT, key("partial"), SECRET));
        conflicts(Field.CURRENCY, "currency",
                () -> ledger.reverse(ANN, key("redeem"), CASH.points(3), AT, key("partial"), SECRET));
        conflicts(Field.TARGET, "target posting",
                () -> ledger.reverse(ANN, key("earn"), PTS.points(3), AT, key("partial"), SECRET));
        conflicts(Field.AMOUNT, "amount",
                () -> ledger.reverse(ANN, key("transfer"), PTS.points(10), AT, key("full"), SECRET));
        conflicts(Field.REASON, "reason", () -> ledger.reverse(ANN, key("transfer"), AT, key("full"), "other"));
        conflicts(Field.TARGET, "target posting", () -> ledger.reverse(ANN, key("redeem"), AT, key("full"), SECRET));
    }

    @Test
    void aBatchNamesThePartOfTheRequestThatDiffers() {
        conflicts(Field.BUSINESS_TIME, "business time", () -> ledger.post(List.of(
                new PostingRequest.Earn(BOB, PTS.points(1), AT, key("new"), "order"),
                new PostingRequest.Earn(ANN, PTS.points(100), AT.minusSeconds(1), key("earn"), SECRET))));
        assertThat(ledger.posting(key("new"))).isEmpty();
    }

    @Test
    void theSameRequestIsAReplayNotAConflict() {
        Map<String, Object> before = snapshot();
        assertThat(ledger.reserve(ANN, PTS.points(5), Duration.ofHours(1), AT, key("hold-2"), SECRET))
                .isEqualTo(ledger.posting(key("hold-2")).orElseThrow());
        assertThat(ledger.reverse(ANN, key("transfer"), AT, key("full"), SECRET))
                .isEqualTo(ledger.posting(key("full")).orElseThrow());
        assertThat(ledger.capture(ANN, key("hold"), AT, key("capture")))
                .isEqualTo(ledger.posting(key("capture")).orElseThrow());
        assertThat(snapshot()).isEqualTo(before);
    }
}
