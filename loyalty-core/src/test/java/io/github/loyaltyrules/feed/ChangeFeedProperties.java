package io.github.loyaltyrules.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierFeed;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * Whatever the interleaving of postings (some refused), tier moves, reads of any page size and
 * restarts of the reader from its saved text, the reader is given every committed posting and every
 * tier change exactly once, in positions that only grow.
 */
class ChangeFeedProperties {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Metric POINTS = Metric.points(PTS);
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    @Property(tries = 200)
    void aReaderIsGivenEveryCommittedChangeOnceWhateverThePagesAndRestarts(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 999) Integer> script) {
        LedgerStore ledgerStore = LedgerStore.inMemory();
        TierStore tierStore = TierStore.inMemory();
        TierLadder ladder = TierLadder.builder().zone(ZoneOffset.UTC).window(QualificationWindow.calendarYear())
                .metrics(POINTS).tier(Tier.of("Member")).tier(Tier.of("Silver").withThreshold(POINTS, 300))
                .tier(Tier.of("Gold").withThreshold(POINTS, 900)).build();
        TierEngine engine = TierEngine.of(ladder, TierListener.NONE, tierStore);
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(ledgerStore).listener(TierFeed.of(engine)).build();
        List<MemberId> members = List.of(MemberId.of("a"), MemberId.of("b"), MemberId.of("c"));
        for (MemberId m : members) {
            ledger.enrol(m, T0);
        }
        List<String> committed = new ArrayList<>();
        List<String> read = new ArrayList<>();
        List<TierChange> moves = new ArrayList<>();
        String saved = FeedPosition.START.text();
        ChangeFeed feed = ChangeFeed.of(ledgerStore, tierStore);
        for (int i = 0; i < script.size(); i++) {
            int v = script.get(i);
            MemberId m = members.get(v % 3);
            String key = "k" + i;
            switch (v % 4) {
                case 0 -> {
                    ledger.earn(m, PTS.points(v + 1), T0.plusSeconds(i), IdempotencyKey.of(key), "earn");
                    committed.add(key);
                }
                case 1 -> {
                    try {
                        ledger.redeem(m, PTS.points(v / 2 + 1), T0.plusSeconds(i), IdempotencyKey.of(key), "spend");
                        committed.add(key);
                    } catch (InsufficientPointsException refused) {
                        // refused: never in the feed
                    }
                }
                case 2 -> {
                    FeedPosition at = FeedPosition.parse(saved);
                    for (Change c : feed.changesAfter(at, v % 7 + 1).changes()) {
                        assertThat(c.position()).isGreaterThan(at);
                        at = c.position();
                        read.add(c instanceof PostingChange p ? p.key().value() : describe((TierMoved) c));
                        saved = at.text();
                    }
                }
                default -> feed = ChangeFeed.of(ledgerStore, tierStore); // a restart: only the saved text survives
            }
        }
        for (ChangePage page = feed.changesAfter(FeedPosition.parse(saved), 3); !page.isEmpty();
                page = feed.changesAfter(page.next(), 3)) {
            for (Change c : page.changes()) {
                read.add(c instanceof PostingChange p ? p.key().value() : describe((TierMoved) c));
            }
        }
        List<String> expected = new ArrayList<>(committed);
        for (MemberId m : members) {
            for (TierChange t : engine.history(m)) {
                expected.add(m.value() + ":" + t.from() + ">" + t.to() + "@" + t.at());
            }
        }
        assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    private static String describe(TierMoved t) {
        return t.member().value() + ":" + t.from() + ">" + t.to() + "@" + t.at();
    }
}
