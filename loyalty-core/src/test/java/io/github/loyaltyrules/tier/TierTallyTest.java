package io.github.loyaltyrules.tier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.report.TierReport;
import io.github.loyaltyrules.tier.contract.WalkedTierStore;
import io.github.loyaltyrules.tier.spi.TierStore;
import io.github.loyaltyrules.tier.spi.TierTally;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A store that counts a tier report by itself ({@link TierStore#tally}) has its counts used as they are,
 * and the engine reads only the members it leaves: for a forecast member only the tier, for an untallied one
 * the tier and the changes. A tally naming a tier the ladder lacks is refused; a tally's counts are checked.
 */
class TierTallyTest {

    private static final Instant FROM = Ladders.at("2026-01-01T00:00", Ladders.PARIS);
    private static final Instant TO = Ladders.at("2026-12-01T00:00", Ladders.PARIS);

    @Test
    void theStoresCountsAreUsedAndOnlyTheMembersItLeavesAreRead() {
        WalkedTierStore store = new WalkedTierStore(TierStore.inMemory());
        TierEngine engine = TierEngine.of(Ladders.beauty().build(), TierListener.NONE, store);
        MemberId a = MemberId.of("a");
        MemberId b = MemberId.of("b");
        for (MemberId m : List.of(a, b)) {
            engine.enrol(m, FROM);
            engine.record(m, Money.of("400.00", "EUR"), FROM.plusSeconds(3600), IdempotencyKey.of(m.value()));
        }
        store.answerTally(new TierTally(Map.of("Insider", 7L), List.of(new TierTally.Move("Insider", "Rouge", 2)),
                List.of(a), List.of(b)));
        store.read().clear();

        TierReport report = engine.report(FROM, TO);

        assertThat(store.read()).containsExactly(a, b);
        assertThat(report.members()).containsEntry("Insider", 7L).containsEntry("VIB", 2L).containsEntry("Rouge", 0L);
        // a's change is the store's to count (it counted none); b's is counted from its state
        assertThat(report.movements()).extracting(m -> m.from() + ">" + m.to() + "=" + m.changes())
                .containsExactly("Insider>VIB=1", "Insider>Rouge=2");
    }

    @Test
    void aTallyNamingATierTheLadderLacksIsRefusedAndBadCountsAreRefused() {
        WalkedTierStore store = new WalkedTierStore(TierStore.inMemory());
        TierEngine engine = TierEngine.of(Ladders.beauty().build(), TierListener.NONE, store);
        store.answerTally(new TierTally(Map.of("Bronze", 1L), List.of(), List.of(), List.of()));
        assertThatThrownBy(() -> engine.report(FROM, TO)).isInstanceOf(UnknownTierException.class)
                .hasMessageContaining("Bronze");
        store.answerTally(new TierTally(Map.of(), List.of(new TierTally.Move("Insider", "Gold", 1)), List.of(), List.of()));
        assertThatThrownBy(() -> engine.report(FROM, TO)).isInstanceOf(UnknownTierException.class)
                .hasMessageContaining("Gold");
        assertThatThrownBy(() -> new TierTally(Map.of("VIB", -1L), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VIB");
        assertThatThrownBy(() -> new TierTally.Move("Insider", "VIB", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TierTally.Move(null, "VIB", 1)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new TierTally.Move("VIB", null, 1)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theDefaultReplaceWithANextEventStoresAsTheTwoArgumentOne() {
        TierStore plain = TierStore.inMemory();
        TierEngine engine = TierEngine.of(Ladders.beauty().build(), TierListener.NONE, plain);
        engine.enrol(MemberId.of("c"), FROM);
        assertThat(plain.tally(FROM, TO, "Insider")).isEmpty();
        assertThat(engine.report(FROM, TO).members()).containsEntry("Insider", 1L);
    }
}
