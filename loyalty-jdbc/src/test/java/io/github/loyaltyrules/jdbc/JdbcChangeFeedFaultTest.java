package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.feed.Change;
import io.github.loyaltyrules.feed.ChangeFeed;
import io.github.loyaltyrules.feed.ChangePage;
import io.github.loyaltyrules.feed.FeedPosition;
import io.github.loyaltyrules.feed.PostingChange;
import io.github.loyaltyrules.jdbc.StatementFaultDataSource.Mode;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Faults and the feed: a posting whose commit fails at any of its round trips (rolled back) never
 * appears in the feed, and one whose commit landed appears once; a reader whose read fails at any
 * round trip (while stamping, at the stamping's commit, or reading the page), or loses the reply to
 * its stamping's commit, asks again from the same position and is still given every posting once.
 */
class JdbcChangeFeedFaultTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    static Stream<Arguments> cases() {
        return Databases.faultCases("feed-faults");
    }

    private static Ledger ledger(DataSource ds) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(ds)).build();
    }

    private static List<String> drain(ChangeFeed feed, FeedPosition from) {
        List<String> keys = new ArrayList<>();
        FeedPosition at = from;
        for (ChangePage page = feed.changesAfter(at, 50); !page.isEmpty(); page = feed.changesAfter(at, 50)) {
            for (Change c : page.changes()) {
                keys.add(((PostingChange) c).key().value());
                at = c.position();
            }
        }
        return keys;
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void aPostingWhoseCommitFailsNeverAppearsAndOneThatLandedAppearsOnce(String db, String url, Mode mode) {
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        MemberId m = MemberId.of("fault-" + mode);
        Ledger ledger = ledger(ds);
        ledger.enrol(m, T0);
        ChangeFeed feed = ChangeFeed.of(JdbcLedgerStore.of(new UrlDataSource(url)));
        List<String> landed = new ArrayList<>();
        int faults = 0;
        for (int k = 1; k < 50; k++) {
            String key = mode + "-" + k;
            ds.arm(k, mode);
            try {
                ledger.post(List.of(new PostingRequest.Earn(m, PTS.points(k), T0, IdempotencyKey.of(key), "a"),
                        new PostingRequest.Earn(m, PTS.points(k), T0, IdempotencyKey.of(key + "b"), "b")));
            } catch (JdbcStoreException e) {
                // rolled back (FAIL) or landed with its reply lost
            }
            boolean fired = ds.fired();
            ds.disarm();
            if (ledger.posting(IdempotencyKey.of(key)).isPresent()) {
                landed.add(key);
                landed.add(key + "b");
            }
            if (!fired) {
                break;
            }
            faults++;
        }
        assertThat(faults).isGreaterThanOrEqualTo(1);
        if (mode == Mode.FAIL) {
            assertThat(landed).as("only the clean run landed").hasSize(2);
        }
        List<String> fed = drain(feed, FeedPosition.START);
        assertThat(fed.stream().filter(k -> k.startsWith(mode + "-")).toList()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(landed);
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("cases")
    void aReaderWhoseReadFailsAtAnyRoundTripAsksAgainAndIsGivenEveryPostingOnce(String db, String url, Mode mode) {
        DataSource clean = new UrlDataSource(url);
        Databases.dropAll(clean);
        JdbcLedgerStore.of(clean).migrate();
        Ledger ledger = ledger(clean);
        MemberId m = MemberId.of("reader");
        ledger.enrol(m, T0);
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        ChangeFeed feed = ChangeFeed.of(JdbcLedgerStore.of(ds));
        List<String> expected = new ArrayList<>();
        List<String> read = new ArrayList<>();
        FeedPosition at = FeedPosition.START;
        int faults = 0;
        for (int k = 1; k < 40; k++) {
            for (int i = 0; i < 3; i++) {
                String key = "r" + k + "-" + i;
                ledger.earn(m, PTS.points(1), T0, IdempotencyKey.of(key), "visit");
                expected.add(key);
            }
            ds.arm(k, mode);
            try {
                for (Change c : feed.changesAfter(at, 4).changes()) {
                    read.add(((PostingChange) c).key().value());
                    at = c.position();
                }
            } catch (JdbcStoreException e) {
                assertThat(e).hasMessageContaining("change feed");
            }
            boolean fired = ds.fired();
            ds.disarm();
            if (fired) {
                faults++;
            } else if (k > 8) {
                break;
            }
        }
        assertThat(faults).isGreaterThanOrEqualTo(mode == Mode.FAIL ? 3 : 1);
        read.addAll(drain(feed, at));
        assertThat(read).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
    }
}
