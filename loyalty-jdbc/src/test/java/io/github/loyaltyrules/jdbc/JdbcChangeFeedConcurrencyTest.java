package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.feed.Change;
import io.github.loyaltyrules.feed.ChangeFeed;
import io.github.loyaltyrules.feed.ChangePage;
import io.github.loyaltyrules.feed.FeedPosition;
import io.github.loyaltyrules.feed.PostingChange;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several servers post at once (each its own store instance and connections: on PostgreSQL each
 * earn is one auto-committed statement) while two readers, each with its own store instance and
 * position, page through the feed with small pages: each reader is given exactly the postings that
 * were committed, none twice, however the commits and the stampings interleave.
 */
class JdbcChangeFeedConcurrencyTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final int SERVERS = 4;
    private static final int EACH = 150;

    static List<String> urls() {
        return Databases.freshUrls("feed-concurrency");
    }

    private static Ledger server(DataSource ds) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(ds)).build();
    }

    @ParameterizedTest
    @MethodSource("urls")
    void readersPagingWhileServersPostAreEachGivenEveryCommittedPostingOnce(String url) throws Exception {
        DataSource ds = new UrlDataSource(url);
        Set<String> committed = Collections.synchronizedSet(new HashSet<>());
        for (int s = 0; s < SERVERS; s++) {
            for (int m = 0; m < 3; m++) {
                server(ds).enrol(MemberId.of("s" + s + "m" + m), T0);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(SERVERS + 2);
        CountDownLatch start = new CountDownLatch(1);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Future<?>> writers = new ArrayList<>();
        for (int s = 0; s < SERVERS; s++) {
            int server = s;
            writers.add(pool.submit(() -> {
                Ledger ledger = server(ds);
                start.await();
                for (int i = 0; i < EACH; i++) {
                    String key = "s" + server + "-" + i;
                    ledger.earn(MemberId.of("s" + server + "m" + (i % 3)), PTS.points(1 + i), T0, IdempotencyKey.of(key),
                            "visit");
                    committed.add(key);
                }
                return null;
            }));
        }
        List<Future<List<String>>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            int pageSize = 3 + 4 * r;
            readers.add(pool.submit(() -> {
                ChangeFeed feed = ChangeFeed.of(JdbcLedgerStore.of(ds));
                List<String> read = new ArrayList<>();
                FeedPosition at = FeedPosition.START;
                start.await();
                boolean last = false;
                while (true) {
                    boolean done = !writing.get();
                    ChangePage page = feed.changesAfter(at, pageSize);
                    for (Change c : page.changes()) {
                        assertThat(c.position().postings()).isGreaterThan(at.postings());
                        read.add(((PostingChange) c).key().value());
                        at = c.position();
                    }
                    if (page.isEmpty() && last) {
                        return read;
                    }
                    last = done && page.isEmpty() || last;
                }
            }));
        }
        start.countDown();
        for (Future<?> w : writers) {
            w.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        assertThat(committed).hasSize(SERVERS * EACH);
        for (Future<List<String>> r : readers) {
            assertThat(r.get(120, TimeUnit.SECONDS)).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(committed);
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    /**
     * The trap, made to happen: a posting written first (by a caller's transaction still open, as a
     * slow server's would be) commits after one written later. A reader that has read the later one
     * is still given the earlier one once it commits; and a posting whose transaction rolls back is
     * never given.
     */
    @ParameterizedTest
    @MethodSource("urls")
    void aPostingThatCommitsAfterALaterOneIsStillGivenAndARolledBackOneNever(String url) throws Exception {
        DataSource ds = new UrlDataSource(url);
        server(ds).enrol(MemberId.of("slow"), T0);
        server(ds).enrol(MemberId.of("fast"), T0);
        ChangeFeed feed = ChangeFeed.of(JdbcLedgerStore.of(ds));
        FeedPosition at = FeedPosition.START;
        for (ChangePage page = feed.changesAfter(at, 100); !page.isEmpty(); page = feed.changesAfter(at, 100)) {
            at = page.next();
        }
        try (java.sql.Connection slow = ds.getConnection()) {
            slow.setAutoCommit(false);
            Ledger inCallerTx = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                    .store(JdbcLedgerStore.of(CurrentConnection.dataSource(() -> slow))
                            .withTransactionOwner(TransactionOwner.CALLER)).build();
            inCallerTx.earn(MemberId.of("slow"), PTS.points(5), T0, IdempotencyKey.of("written-first"), "a");
            inCallerTx.earn(MemberId.of("slow"), PTS.points(6), T0, IdempotencyKey.of("rolled-back"), "b");
            slow.rollback();
            inCallerTx.earn(MemberId.of("slow"), PTS.points(5), T0, IdempotencyKey.of("written-first"), "a");
            server(ds).earn(MemberId.of("fast"), PTS.points(7), T0, IdempotencyKey.of("written-second"), "c");

            ChangePage seen = feed.changesAfter(at, 100);
            assertThat(seen.changes()).extracting(c -> ((PostingChange) c).key().value())
                    .containsExactly("written-second");
            at = seen.next();
            slow.commit();
        }
        ChangePage late = feed.changesAfter(at, 100);
        assertThat(late.changes()).extracting(c -> ((PostingChange) c).key().value()).containsExactly("written-first");
        assertThat(feed.changesAfter(late.next(), 100).isEmpty()).isTrue();
    }
}
