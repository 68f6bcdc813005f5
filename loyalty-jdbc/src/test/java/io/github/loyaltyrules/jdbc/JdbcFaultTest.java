package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.jdbc.FaultyDataSource.Fault;
import io.github.loyaltyrules.ledger.Balance;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A posting that fails in the database leaves the ledger exactly as before it (or, when the commit
 * went through but its acknowledgement was lost, exactly as after it), and a retry with the same key
 * completes it without posting twice. On H2 always, on PostgreSQL when configured.
 */
class JdbcFaultTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final MemberId ANN = MemberId.of("ann");
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    static Stream<Arguments> faults() {
        List<Arguments> out = new ArrayList<>();
        for (String url : Databases.freshUrls("faults")) {
            for (Fault f : Fault.values()) {
                out.add(Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url, f));
            }
        }
        return out.stream();
    }

    static Stream<Arguments> databases() {
        return Databases.freshUrls("timeouts").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    private static Ledger ledger(javax.sql.DataSource ds) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(ds)).build();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("faults")
    void aFailedPostingChangesNothingOrEverythingAndARetryCompletesIt(String db, String url, Fault fault) {
        FaultyDataSource ds = new FaultyDataSource(url);
        Ledger ledger = ledger(ds);
        MemberId member = MemberId.of("ann-" + fault.name().toLowerCase());
        ledger.enrol(member, T0.minusSeconds(60));
        ledger.earn(member, PTS.points(100), T0, IdempotencyKey.of(member.value() + "-earn-1"), "first");
        Balance before = ledger.balance(member, PTS);
        List<Entry> entriesBefore = ledger.statement(member);
        IdempotencyKey key = IdempotencyKey.of(member.value() + "-redeem-1");

        ds.arm(fault);
        if (fault == Fault.COMMIT_ACK_LOST) {
            // the commit landed: the ledger finds its posting under the key and returns it
            Posting landed = ledger.redeem(member, PTS.points(30), T0, key, "coffee");
            assertThat(ds.fired()).isTrue();
            assertThat(ledger.posting(key)).contains(landed);
            assertThat(ledger.balance(member, PTS).total()).isEqualTo(70);
        } else {
            assertThatThrownBy(() -> ledger.redeem(member, PTS.points(30), T0, key, "coffee"))
                    .isInstanceOf(JdbcStoreException.class)
                    .hasMessageContaining("retrying with the same key is safe");
            assertThat(ds.fired()).isTrue();
            assertThat(ledger.balance(member, PTS)).isEqualTo(before);
            assertThat(ledger.statement(member)).isEqualTo(entriesBefore);
            assertThat(ledger.posting(key)).isEmpty();
        }

        Posting retried = ledger.redeem(member, PTS.points(30), T0, key, "coffee");
        Posting again = ledger.redeem(member, PTS.points(30), T0, key, "coffee");
        assertThat(again).isEqualTo(retried);
        assertThat(ledger.balance(member, PTS).total()).isEqualTo(70);
        assertThat(ledger.statement(member)).hasSize(entriesBefore.size() + 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStatementTimeoutRollsBackAndARetryAfterTheLockIsGoneCompletes(String db, String url) throws SQLException {
        UrlDataSource ds = new UrlDataSource(url);
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0, ZoneOffset.UTC)).currency(PTS)
                .store(JdbcLedgerStore.of(ds).withQueryTimeout(Duration.ofSeconds(1))).build();
        ledger.enrol(ANN, T0.minusSeconds(60));
        ledger.earn(ANN, PTS.points(100), T0, IdempotencyKey.of("t-earn-1"), "first");
        Balance before = ledger.balance(ANN, PTS);
        IdempotencyKey key = IdempotencyKey.of("t-earn-2");

        try (Connection blocker = new UrlDataSource(url).getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement lock = blocker.prepareStatement(
                    "UPDATE loyalty_member SET status = status WHERE member_id = ?")) {
                lock.setString(1, ANN.value());
                lock.executeUpdate(); // holds the member's row lock until rollback
            }
            assertThatThrownBy(() -> ledger.earn(ANN, PTS.points(5), T0, key, "blocked"))
                    .isInstanceOf(JdbcStoreException.class);
            assertThat(ledger.balance(ANN, PTS)).isEqualTo(before);
            assertThat(ledger.posting(key)).isEmpty();
            blocker.rollback();
        }
        ledger.earn(ANN, PTS.points(5), T0, key, "blocked");
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(105);
    }
}
