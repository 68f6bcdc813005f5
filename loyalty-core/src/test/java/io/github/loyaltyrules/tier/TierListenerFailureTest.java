package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.NEW_YORK;
import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.TQP;
import static io.github.loyaltyrules.tier.Ladders.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LedgerEvent;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.internal.RecordingLogger;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.lang.System.Logger.Level;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A tier listener that throws never reaches the caller of the engine: the change stays stored, the
 * call returns its normal result, the listener still gets the other events, and the failure goes to
 * the handler, which logs it without the event's free text by default.
 */
class TierListenerFailureTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final Instant MARCH = at("2026-03-01T10:00", PARIS);
    /** Free text that may hold personal data and must never be logged. */
    private static final String PERSONAL = "status match: Jane Doe's Gold card at Airline X";

    private final List<TierEvent> heard = new ArrayList<>();
    private final List<Map.Entry<TierEvent, Throwable>> handled = new ArrayList<>();
    private final RecordingLogger log = new RecordingLogger();

    /** A listener that hears every event and then throws. */
    private final TierListener failing = event -> {
        heard.add(event);
        throw new IllegalStateException("mailer is down");
    };

    private TierEngine handledEngine() {
        return TierEngine.of(Ladders.beauty().build(), failing, TierStore.inMemory(),
                (event, failure) -> handled.add(Map.entry(event, failure)));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    void aFailingListenerLeavesTheChangeStoredAndTheCallerGetsTheTier() {
        TierEngine engine = handledEngine();

        Tier shown = engine.record(ANN, eur("1200.00"), MARCH, IdempotencyKey.of("order-77"));

        assertThat(shown.name()).isEqualTo("Rouge");
        assertThat(engine.tierAt(ANN, MARCH).name()).isEqualTo("Rouge");
        assertThat(engine.history(ANN)).extracting(TierChange::to).containsExactly("Rouge");
        assertThat(heard).singleElement().isInstanceOf(TierUpgraded.class);
        assertThat(handled).singleElement().satisfies(h -> {
            assertThat(h.getKey()).isSameAs(heard.get(0));
            assertThat(h.getValue()).isInstanceOf(IllegalStateException.class).hasMessage("mailer is down");
        });
    }

    @Test
    void aRetryAfterAFailingListenerCountsTheActivityOnce() {
        TierEngine engine = handledEngine();

        engine.record(ANN, eur("400.00"), MARCH, IdempotencyKey.of("order-77"));
        Tier retried = engine.record(ANN, eur("400.00"), MARCH, IdempotencyKey.of("order-77"));

        assertThat(retried.name()).isEqualTo("VIB");
        assertThat(engine.progress(ANN, MARCH).values()).containsEntry(Ladders.SPEND_EUR, new BigDecimal("400.00"));
        assertThat(heard).hasSize(1);
    }

    @Test
    void anAssessmentDeliversEveryEventThoughTheListenerFailsOnEach() {
        TierEngine engine = handledEngine();
        for (int i = 0; i < 3; i++) {
            engine.record(MemberId.of("m" + i), eur("1200.00"), MARCH, IdempotencyKey.of("order-" + i));
        }
        heard.clear();
        handled.clear();

        List<TierEvent> assessed = engine.assessTiers(at("2027-01-01T00:00", PARIS));
        long counted = engine.assessTiers(at("2028-01-01T00:00", PARIS), 1, (done, total) -> { });

        assertThat(assessed).hasSize(3);
        assertThat(counted).isEqualTo(3);
        assertThat(heard).hasSize(6).startsWith(assessed.toArray(new TierEvent[0]));
        assertThat(heard.subList(3, 6)).allSatisfy(e -> assertThat(e).isInstanceOf(TierDowngraded.class));
        assertThat(handled).extracting(Map.Entry::getKey).containsExactlyElementsOf(heard);
        for (int i = 0; i < 3; i++) {
            assertThat(engine.tierAt(MemberId.of("m" + i), at("2028-01-01T00:00", PARIS)).name()).isEqualTo("Insider");
        }
    }

    @Test
    void byDefaultAFailureIsLoggedAtWarningWithTheEventTypeAndMemberButNoFreeText() {
        TierEngine engine = TierEngine.create(Ladders.beauty().build(), failing, TierStore.inMemory(), null, log);

        engine.record(ANN, eur("400.00"), MARCH, IdempotencyKey.of("order-77"));
        Tier assigned = engine.assign(ANN, "Rouge", MARCH, at("2027-03-01T00:00", PARIS), PERSONAL,
                IdempotencyKey.of("match-1"));

        assertThat(assigned.name()).isEqualTo("Rouge");
        assertThat(heard).extracting(e -> e.getClass().getSimpleName()).containsExactly("TierUpgraded", "TierUpgraded");
        assertThat(((TierUpgraded) heard.get(1)).change().reason()).contains(PERSONAL);
        assertThat(log.lines()).extracting(RecordingLogger.Line::level).containsOnly(Level.WARNING);
        assertThat(log.lines()).extracting(RecordingLogger.Line::message).containsExactly(
                "listener failed on TierUpgraded for member ann; the change stays stored",
                "listener failed on TierUpgraded for member ann; the change stays stored");
        assertThat(log.lines()).extracting(RecordingLogger.Line::thrown).allSatisfy(thrown ->
                assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessage("mailer is down"));
    }

    @Test
    void aHandlerThatThrowsDoesNotReachTheCallerAndIsLogged() {
        TierEngine engine = TierEngine.create(Ladders.beauty().build(), failing, TierStore.inMemory(),
                (event, failure) -> {
                    throw new IllegalArgumentException("handler is broken");
                }, log);

        Tier shown = engine.record(ANN, eur("1200.00"), MARCH, IdempotencyKey.of("order-77"));

        assertThat(shown.name()).isEqualTo("Rouge");
        assertThat(engine.tierAt(ANN, MARCH).name()).isEqualTo("Rouge");
        assertThat(log.lines()).extracting(RecordingLogger.Line::message).containsExactly(
                "listener failed on TierUpgraded for member ann; the change stays stored",
                "listener failure handler failed on TierUpgraded for member ann; the change stays stored");
        assertThat(log.lines().get(0).thrown()).hasMessage("mailer is down");
        assertThat(log.lines().get(1).thrown()).hasMessage("handler is broken");
    }

    @Test
    void anErrorThrownByTheListenerReachesTheCallerAfterTheChangeIsStored() {
        class ListenerError extends Error {
            private static final long serialVersionUID = 1L;
        }
        TierEngine engine = TierEngine.of(Ladders.beauty().build(), event -> {
            throw new ListenerError();
        }, TierStore.inMemory(), (event, failure) -> handled.add(Map.entry(event, failure)));

        assertThatThrownBy(() -> engine.record(ANN, eur("1200.00"), MARCH, IdempotencyKey.of("order-77")))
                .isInstanceOf(ListenerError.class);

        assertThat(handled).isEmpty();
        assertThat(engine.tierAt(ANN, MARCH).name()).isEqualTo("Rouge");
    }

    @Test
    void aFailingTierListenerBehindATierFeedDoesNotReachTheLedger() {
        Instant t0 = at("2026-03-01T10:00", NEW_YORK);
        TierEngine engine = TierEngine.of(Ladders.hotel().build(), failing, TierStore.inMemory(),
                (event, failure) -> handled.add(Map.entry(event, failure)));
        List<LedgerEvent> ledgerFailures = new ArrayList<>();
        Ledger ledger = Ledger.builder().zone(NEW_YORK).clock(Clock.fixed(t0, NEW_YORK)).currency(TQP)
                .listener(TierFeed.of(engine)).onListenerError((event, failure) -> ledgerFailures.add(event)).build();
        ledger.enrol(ANN, t0);

        Posting earned = ledger.earn(ANN, TQP.points(55_000), t0, IdempotencyKey.of("stay-1"), "stay");

        assertThat(earned.amount()).isEqualTo(55_000);
        assertThat(engine.tierAt(ANN, t0).name()).isEqualTo("Gold");
        assertThat(handled).extracting(Map.Entry::getKey).containsExactlyElementsOf(heard).hasSize(1);
        assertThat(ledgerFailures).isEmpty();
    }

    @Test
    void theHandlerMustNotBeNull() {
        assertThatThrownBy(() -> TierEngine.of(Ladders.beauty().build(), failing, TierStore.inMemory(), null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("listener error handler");
    }
}
