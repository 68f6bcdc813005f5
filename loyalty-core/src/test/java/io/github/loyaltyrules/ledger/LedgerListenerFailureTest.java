package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.internal.RecordingLogger;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A listener that throws never reaches the caller of the ledger: the change stays stored, the call
 * returns its normal result, the other listeners are still called, and the failure goes to the
 * handler, which logs it without the event's free text by default.
 */
class LedgerListenerFailureTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(1)));
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final MemberId ANN = MemberId.of("ann");
    private static final MemberId BOB = MemberId.of("bob");
    /** Free text that may hold personal data and must never be logged. */
    private static final String PERSONAL = "gift for Jane Doe, 12 Baker Street";

    private final List<LedgerEvent> heard = new ArrayList<>();
    private final List<Map.Entry<LedgerEvent, Throwable>> handled = new ArrayList<>();
    private final RecordingLogger log = new RecordingLogger();

    /** A listener that always throws. */
    private static final LedgerListener FAILING = event -> {
        throw new IllegalStateException("CRM is down");
    };

    private Ledger.Builder ledger() {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS);
    }

    @Test
    void aFailingListenerLeavesEveryChangeStoredAndTheOtherListenersCalled() {
        Ledger ledger = ledger().listener(FAILING).listener(heard::add)
                .onListenerError((event, failure) -> handled.add(Map.entry(event, failure))).build();

        Account enrolled = ledger.enrol(ANN, T0);
        ledger.enrol(BOB, T0);
        Posting earned = ledger.earn(ANN, PTS.points(120), T0, IdempotencyKey.of("order-77"), PERSONAL);
        List<Posting> batch = ledger.post(List.of(
                new PostingRequest.Earn(BOB, PTS.points(30), T0, IdempotencyKey.of("order-78"), "order 78"),
                new PostingRequest.Earn(BOB, PTS.points(20), T0, IdempotencyKey.of("order-79"), "order 79")));
        ExpirySweep sweep = ledger.expire(T0.plus(Period.ofDays(40)));

        assertThat(enrolled.member()).isEqualTo(ANN);
        assertThat(earned.amount()).isEqualTo(120);
        assertThat(batch).hasSize(2);
        assertThat(sweep.expired()).containsEntry("PTS", 170L);
        assertThat(ledger.posting(IdempotencyKey.of("order-77"))).contains(earned);
        assertThat(ledger.statement(ANN)).hasSize(2);
        assertThat(heard).hasSize(7);
        assertThat(heard).extracting(e -> e.getClass().getSimpleName()).containsExactly("AccountChanged",
                "AccountChanged", "Posted", "Posted", "Posted", "Expired", "Expired");
        assertThat(handled).extracting(Map.Entry::getKey).containsExactlyElementsOf(heard);
        assertThat(handled).extracting(Map.Entry::getValue).allSatisfy(failure ->
                assertThat(failure).isInstanceOf(IllegalStateException.class).hasMessage("CRM is down"));
    }

    @Test
    void aRetryAfterAFailingListenerReplaysTheFirstPosting() {
        Ledger ledger = ledger().listener(FAILING).onListenerError((event, failure) -> { }).build();
        ledger.enrol(ANN, T0);

        Posting first = ledger.earn(ANN, PTS.points(120), T0, IdempotencyKey.of("order-77"), "order 77");
        Posting retried = ledger.earn(ANN, PTS.points(120), T0, IdempotencyKey.of("order-77"), "order 77");

        assertThat(retried).isEqualTo(first);
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(120);
    }

    @Test
    void byDefaultAFailureIsLoggedAtWarningWithTheEventTypeAndKeyButNoFreeText() {
        Ledger ledger = ledger().listener(FAILING).listener(heard::add).listenerFailureLogger(log).build();

        ledger.enrol(ANN, T0);
        Posting earned = ledger.earn(ANN, PTS.points(120), T0, IdempotencyKey.of("order-77"), PERSONAL);
        ledger.suspend(ANN, T0, PERSONAL);

        assertThat(earned.reason()).isEqualTo(PERSONAL);
        assertThat(heard).hasSize(3);
        assertThat(log.lines()).extracting(RecordingLogger.Line::level).containsOnly(Level.WARNING);
        assertThat(log.lines()).extracting(RecordingLogger.Line::message).containsExactly(
                "listener failed on AccountChanged for member ann; the change stays stored",
                "listener failed on Posted for posting key order-77 of member ann; the change stays stored",
                "listener failed on AccountChanged for member ann; the change stays stored");
        assertThat(log.lines()).extracting(RecordingLogger.Line::thrown).allSatisfy(thrown ->
                assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("CRM is down"));
    }

    @Test
    void aHandlerThatThrowsDoesNotReachTheCallerAndIsLogged() {
        Ledger ledger = ledger().listener(FAILING).listener(heard::add)
                .onListenerError((event, failure) -> {
                    throw new IllegalArgumentException("handler is broken");
                })
                .listenerFailureLogger(log).build();
        ledger.enrol(ANN, T0);

        Posting earned = ledger.earn(ANN, PTS.points(120), T0, IdempotencyKey.of("order-77"), PERSONAL);

        assertThat(earned.amount()).isEqualTo(120);
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(120);
        assertThat(heard).hasSize(2);
        List<RecordingLogger.Line> lines = log.lines().subList(2, 4);
        assertThat(lines).extracting(RecordingLogger.Line::message).containsExactly(
                "listener failed on Posted for posting key order-77 of member ann; the change stays stored",
                "listener failure handler failed on Posted for posting key order-77 of member ann; "
                        + "the change stays stored");
        assertThat(lines.get(0).thrown()).hasMessage("CRM is down");
        assertThat(lines.get(1).thrown()).hasMessage("handler is broken");
    }

    @Test
    void anErrorThrownByAListenerReachesTheCallerAfterThePostingIsStored() {
        class ListenerError extends Error {
            private static final long serialVersionUID = 1L;
        }
        Ledger ledger = ledger().listener(event -> {
            if (event instanceof LedgerEvent.Posted) {
                throw new ListenerError();
            }
        }).onListenerError((event, failure) -> handled.add(Map.entry(event, failure))).build();
        ledger.enrol(ANN, T0);

        assertThatThrownBy(() -> ledger.earn(ANN, PTS.points(120), T0, IdempotencyKey.of("order-77"), "order 77"))
                .isInstanceOf(ListenerError.class);

        assertThat(handled).isEmpty();
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(120);
    }
}
