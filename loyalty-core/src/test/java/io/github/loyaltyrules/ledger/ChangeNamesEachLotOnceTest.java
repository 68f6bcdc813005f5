package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.ForwardingLedgerStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A commit names each lot it touched once, at its latest state, however many lots one draft
 * touches and however often: a store writes the lots of a change as rows, and a lot named twice
 * would be written twice (or, in order, wrongly).
 */
class ChangeNamesEachLotOnceTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    /** Keeps every commit it passes on. */
    static final class Recording extends ForwardingLedgerStore {
        final List<Commit> commits = new ArrayList<>();

        Recording() {
            super(LedgerStore.inMemory());
        }

        @Override
        public CommitResult apply(Commit commit) {
            commits.add(commit);
            return super.apply(commit);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0} lots")
    @org.junit.jupiter.params.provider.ValueSource(ints = {3, 16, 24})
    void aBatchThatEarnsLotsAndSpendsThemNamesEachLotOnceSpent(int n) {
        Recording store = new Recording();
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(store).build();
        ledger.enrol(ANN, T0);
        List<PostingRequest> batch = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            batch.add(new PostingRequest.Earn(ANN, PTS.points(1 + i), T0, IdempotencyKey.of("earn-" + i), "earn"));
        }
        // every lot: each is touched a second time, found by a scan up to 16 lots and by an index past them
        batch.add(new PostingRequest.Redeem(ANN, PTS.points(n * (n + 1) / 2), T0, IdempotencyKey.of("spend"), "all of it"));
        store.commits.clear();

        ledger.post(batch);

        assertThat(store.commits).hasSize(1);
        List<MemberChange> changes = store.commits.get(0).changes();
        assertThat(changes).hasSize(1);
        List<Lot> lots = changes.get(0).lots();
        Map<Long, Long> remaining = new TreeMap<>();
        for (Lot lot : lots) {
            remaining.merge(lot.id().value(), lot.remaining(), Long::sum);
        }
        assertThat(lots).hasSize(n);
        assertThat(remaining).hasSize(n).allSatisfy((id, left) -> assertThat(left).isZero());
        assertThat(ledger.balance(ANN, PTS).available()).isZero();
    }

    @Test
    void aSpendOverManyLotsThenAGiveBackKeepsTheLatestStateOfEach() {
        Recording store = new Recording();
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(store).build();
        ledger.enrol(ANN, T0);
        for (int i = 0; i < 12; i++) {
            ledger.earn(ANN, PTS.points(10), T0, IdempotencyKey.of("earn-" + i), "earn");
        }
        Posting before = ledger.redeem(ANN, PTS.points(30), T0, IdempotencyKey.of("before"), "three lots");
        store.commits.clear();

        // one draft: a spend over the nine lots left, then the earlier redemption's three lots given back
        ledger.post(List.of(
                new PostingRequest.Redeem(ANN, PTS.points(85), T0, IdempotencyKey.of("most"), "most"),
                new PostingRequest.Reverse(ANN, before.key(), null, T0, IdempotencyKey.of("undo"), "undo")));

        List<Lot> lots = store.commits.get(0).changes().get(0).lots();
        assertThat(lots).extracting(l -> l.id().value()).doesNotHaveDuplicates();
        assertThat(lots).hasSize(12);
        long left = 0;
        for (Lot lot : lots) {
            left += lot.remaining();
        }
        assertThat(left).isEqualTo(120 - 30 - 85 + 30);
        assertThat(ledger.balance(ANN, PTS).available()).isEqualTo(left);
    }
}
