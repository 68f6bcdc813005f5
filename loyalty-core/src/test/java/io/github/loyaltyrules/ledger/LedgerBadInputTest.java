package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

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
 * Every bad-input case of the ledger: the specific exception, a message that names the value and
 * the rule, and nothing changed afterwards (balances, lots, entries, accounts and postings).
 */
class LedgerBadInputTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency OTHER = PointCurrency.of("MILES", "Miles", 0);
    static final MemberId ANN = MemberId.of("ann");
    static final MemberId BOB = MemberId.of("bob");
    static final MemberId GONE = MemberId.of("gone");

    Ledger ledger;

    @BeforeEach
    void setUp() {
        ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        ledger.enrol(ANN, T0.minusSeconds(3600));
        ledger.enrol(BOB, T0.minusSeconds(3600));
        ledger.enrol(GONE, T0.minusSeconds(3600));
        ledger.earn(ANN, PTS.points(100), T0.minusSeconds(60), IdempotencyKey.of("earn-1"), "purchase");
        ledger.redeem(ANN, PTS.points(30), T0.minusSeconds(30), IdempotencyKey.of("redeem-1"), "coffee");
        ledger.close(GONE, T0.minusSeconds(10), "member asked");
    }

    /** Everything a rejected call could have touched. */
    Map<String, Object> snapshot() {
        Map<String, Object> s = new LinkedHashMap<>();
        for (MemberId m : List.of(ANN, BOB, GONE)) {
            s.put(m + " account", ledger.account(m));
            s.put(m + " balance", ledger.balance(m, PTS));
            s.put(m + " lots", ledger.lots(m, PTS));
            s.put(m + " statement", ledger.statement(m));
        }
        s.put("new key", ledger.posting(IdempotencyKey.of("new")));
        return s;
    }

    void rejects(ThrowingCallable call, Class<? extends Throwable> type, String... messageParts) {
        Map<String, Object> before = snapshot();
        Throwable thrown = catchThrowable(call);
        assertThat(thrown).isInstanceOf(type);
        assertThat(thrown.getMessage()).contains(messageParts);
        assertThat(snapshot()).as("a rejected call changes nothing").isEqualTo(before);
    }

    static IdempotencyKey key() {
        return IdempotencyKey.of("new");
    }

    @Test
    void nullArguments() {
        rejects(() -> ledger.earn(null, PTS.points(1), T0, key(), "x"), NullPointerException.class, "member");
        rejects(() -> ledger.earn(ANN, null, T0, key(), "x"), NullPointerException.class, "amount");
        rejects(() -> ledger.earn(ANN, PTS.points(1), null, key(), "x"), NullPointerException.class, "at");
        rejects(() -> ledger.earn(ANN, PTS.points(1), T0, null, "x"), NullPointerException.class, "key");
        rejects(() -> ledger.redeem(ANN, PTS.points(1), T0, key(), null), NullPointerException.class, "reason");
    }

    @Test
    void zeroAndNegativeAmounts() {
        rejects(() -> ledger.earn(ANN, PTS.points(0), T0, key(), "x"), InvalidAmountException.class,
                "must be positive", "got 0");
        rejects(() -> ledger.redeem(ANN, PTS.points(0), T0, key(), "x"), InvalidAmountException.class, "positive");
        rejects(() -> ledger.earn(ANN, PTS.points(-5), T0, key(), "x"), InvalidAmountException.class,
                "must not be negative", "-5");
        rejects(() -> ledger.reserve(ANN, PTS.points(5), Duration.ZERO, T0, key(), "x"), InvalidRequestException.class,
                "PT0S");
    }

    @Test
    void balancesThatWouldOverflowALong() {
        ledger.earn(BOB, PTS.points(Long.MAX_VALUE - 10), T0, IdempotencyKey.of("huge"), "huge");
        rejects(() -> ledger.earn(BOB, PTS.points(11), T0, key(), "x"), AmountOverflowException.class,
                "would overflow", String.valueOf(Long.MAX_VALUE));
    }

    @Test
    void unknownCurrencyAndMember() {
        rejects(() -> ledger.earn(ANN, OTHER.points(5), T0, key(), "x"), UnknownCurrencyException.class,
                "'MILES'", "configured: [PTS]");
        rejects(() -> ledger.earn(MemberId.of("nobody"), PTS.points(5), T0, key(), "x"), UnknownMemberException.class,
                "nobody", "not enrolled");
        rejects(() -> ledger.balance(MemberId.of("nobody"), PTS), UnknownMemberException.class, "nobody");
    }

    @Test
    void postingsToAClosedAccount() {
        rejects(() -> ledger.earn(GONE, PTS.points(5), T0, key(), "x"), AccountStatusException.class, "gone", "CLOSED");
        rejects(() -> ledger.reactivate(GONE, T0, "oops"), AccountStatusException.class, "CLOSED");
    }

    @Test
    void redeemingOrReservingMoreThanAvailable() {
        rejects(() -> ledger.redeem(ANN, PTS.points(71), T0, key(), "x"), InsufficientPointsException.class,
                "71", "70");
        rejects(() -> ledger.reserve(ANN, PTS.points(71), Duration.ofMinutes(5), T0, key(), "x"),
                InsufficientPointsException.class, "71");
        rejects(() -> ledger.transfer(ANN, BOB, PTS.points(71), T0, key(), "gift"), InsufficientPointsException.class,
                "71");
    }

    @Test
    void reversingAnUnknownPostingOrMoreThanWasPosted() {
        rejects(() -> ledger.reverse(ANN, IdempotencyKey.of("no-such"), T0, key(), "x"), UnknownPostingException.class,
                "no-such");
        rejects(() -> ledger.reverse(ANN, IdempotencyKey.of("redeem-1"), PTS.points(31), T0, key(), "x"),
                InvalidReversalException.class, "31");
        ledger.reverse(ANN, IdempotencyKey.of("redeem-1"), T0, IdempotencyKey.of("undo"), "x");
        rejects(() -> ledger.reverse(ANN, IdempotencyKey.of("redeem-1"), T0, key(), "again"),
                InvalidReversalException.class, "redeem-1");
    }

    @Test
    void aReplayedKeyWithOtherContent() {
        rejects(() -> ledger.earn(ANN, PTS.points(101), T0.minusSeconds(60), IdempotencyKey.of("earn-1"), "purchase"),
                IdempotencyConflictException.class, "earn-1", "another amount", "reuse a key only to retry the same request");
        rejects(() -> ledger.redeem(ANN, PTS.points(100), T0.minusSeconds(60), IdempotencyKey.of("earn-1"), "purchase"),
                IdempotencyConflictException.class, "earn-1", "another type (EARN, not REDEEM)");
        rejects(() -> ledger.earn(ANN, PTS.points(100), T0.minusSeconds(61), IdempotencyKey.of("earn-1"), "purchase"),
                IdempotencyConflictException.class, "another business time");
        rejects(() -> ledger.earn(ANN, PTS.points(100), T0.minusSeconds(60), IdempotencyKey.of("earn-1"), "other"),
                IdempotencyConflictException.class, "another reason");
        // another member's key: named as such, and nothing of the first request is printed
        rejects(() -> ledger.earn(BOB, PTS.points(100), T0.minusSeconds(60), IdempotencyKey.of("earn-1"), "purchase"),
                IdempotencyConflictException.class, "another member");
        // The same content is a replay: the first result, nothing posted twice.
        Map<String, Object> before = snapshot();
        Posting again = ledger.earn(ANN, PTS.points(100), T0.minusSeconds(60), IdempotencyKey.of("earn-1"), "purchase");
        assertThat(again).isEqualTo(ledger.posting(IdempotencyKey.of("earn-1")).orElseThrow());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void blankOrOverlongReasonsAndKeys() {
        rejects(() -> ledger.adjustCredit(ANN, PTS.points(5), T0, key(), " "), InvalidRequestException.class,
                "reason must not be blank");
        rejects(() -> ledger.earn(ANN, PTS.points(5), T0, key(), "x".repeat(10_000)), InvalidRequestException.class,
                "reason must be at most");
        Throwable longKey = catchThrowable(() -> IdempotencyKey.of("k".repeat(IdempotencyKey.MAX_LENGTH + 1)));
        assertThat(longKey).isInstanceOf(InvalidRequestException.class).hasMessageContaining("idempotency key");
        rejects(() -> ledger.enrol(ANN, T0), MemberAlreadyEnrolledException.class, "ann", "already enrolled");
    }
}
