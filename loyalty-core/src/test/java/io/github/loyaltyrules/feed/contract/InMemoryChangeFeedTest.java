package io.github.loyaltyrules.feed.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.feed.Change;
import io.github.loyaltyrules.feed.ChangeFeed;
import io.github.loyaltyrules.feed.FeedPosition;
import io.github.loyaltyrules.feed.PostingChange;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.OutsideWindowException;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.Sequenced;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.spi.TierStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The in-memory stores keep the change feed contract, under concurrent writers too, and forget with the ledger. */
class InMemoryChangeFeedTest extends ChangeFeedContract {

    @Override
    protected Stores newStores() {
        return new Stores(LedgerStore.inMemory(), TierStore.inMemory());
    }

    @Override
    protected Stores reopen(Stores stores) {
        return stores;
    }

    @Test
    void aReaderPagingWhileSeveralThreadsPostIsGivenEveryPostingOnce() throws Exception {
        Stores stores = newStores();
        Program p = program(stores);
        int writers = 4;
        int each = 300;
        for (int w = 0; w < writers; w++) {
            p.ledger().enrol(MemberId.of("w" + w), T0);
        }
        ChangeFeed feed = ChangeFeed.of(stores.ledger(), stores.tiers());
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int id = w;
            done.add(pool.submit(() -> {
                for (int i = 0; i < each; i++) {
                    p.ledger().earn(MemberId.of("w" + id), PTS.points(1), T0, IdempotencyKey.of("w" + id + "-" + i), "");
                }
            }));
        }
        List<String> read = new ArrayList<>();
        FeedPosition at = FeedPosition.START;
        while (!done.stream().allMatch(Future::isDone)) {
            for (Change c : feed.changesAfter(at, 7).changes()) {
                read.add(((PostingChange) c).key().value());
                at = c.position();
            }
        }
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        read.addAll(postingKeys(drain(feed, at, 50)));
        Set<String> expected = new HashSet<>();
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < each; i++) {
                expected.add("w" + w + "-" + i);
            }
        }
        assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theLedgerForgetsTheFeedsOldPostingsWithItsWindowAndRefusesToResumeBeforeThem() {
        Stores stores = newStores();
        Program p = program(stores);
        MemberId m = MemberId.of("eve");
        p.ledger().enrol(m, T0);
        p.ledger().earn(m, PTS.points(1), T0, IdempotencyKey.of("old"), "");
        p.ledger().earn(m, PTS.points(1), T0.plus(Duration.ofDays(30)), IdempotencyKey.of("new"), "");

        stores.ledger().forget(T0.plus(Duration.ofDays(1)));

        List<Sequenced<io.github.loyaltyrules.ledger.Posting>> kept = stores.ledger().postingsAfter(1, 10);
        assertThat(kept).extracting(s -> s.value().key().value()).containsExactly("new");
        assertThat(kept.get(0).position()).isEqualTo(2);
        assertThatThrownBy(() -> ChangeFeed.of(stores.ledger()).changesAfter(FeedPosition.START, 10))
                .isInstanceOf(OutsideWindowException.class).hasMessageContaining("position 2")
                .hasMessageNotContaining("eve");
    }

    @Test
    void aTierStoreWithoutAFeedSaysSo() {
        TierStore tiers = new TierStore() {
            @Override
            public java.util.Optional<io.github.loyaltyrules.tier.spi.TierState> state(MemberId member) {
                return java.util.Optional.empty();
            }

            @Override
            public List<MemberId> members(MemberId after, int limit) {
                return List.of();
            }

            @Override
            public long count() {
                return 0;
            }

            @Override
            public io.github.loyaltyrules.tier.spi.TierCommitResult replace(io.github.loyaltyrules.tier.spi.TierState next,
                    io.github.loyaltyrules.tier.spi.TierActivity added) {
                return io.github.loyaltyrules.tier.spi.TierCommitResult.STALE;
            }
        };
        assertThatThrownBy(() -> ChangeFeed.of(LedgerStore.inMemory(), tiers).changesAfter(FeedPosition.START, 1))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("no change feed");
        List<Sequenced<TierChange>> none = TierStore.inMemory().changesAfter(0, 5);
        assertThat(none).isEmpty();
    }
}
