package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.jdbc.StatementFaultDataSource.Mode;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LedgerEvent;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A status change and an expiry sweep whose commit lands but whose reply is lost count as done: the
 * call returns, and the listener hears of the change once (it heard of nothing before, and the retry
 * found the change made). On H2 always, on PostgreSQL when configured.
 */
class LostReplyEventsTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0).withExpiry(ExpiryPolicy.afterTerm(Period.ofDays(30)));
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    static Stream<Arguments> databases() {
        return Databases.freshUrls("lost-replies").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStatusChangeAndASweepWhoseReplyIsLostAreDoneAndHeardOfOnce(String db, String url) {
        StatementFaultDataSource ds = new StatementFaultDataSource(url);
        List<LedgerEvent> heard = new ArrayList<>();
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(86_400L * 60),
                ZoneOffset.UTC)).currency(PTS).store(JdbcLedgerStore.of(ds)).listener(heard::add).build();
        MemberId ann = MemberId.of("ann-" + db);
        ledger.enrol(ann, T0);
        ledger.earn(ann, PTS.points(40), T0, IdempotencyKey.of(ann.value() + "-earn"), "visit");
        heard.clear();

        ds.arm(1, Mode.LOSE_REPLY);
        ledger.suspend(ann, T0.plusSeconds(60), "card lost");
        assertThat(ds.fired()).isTrue();
        ds.disarm();
        assertThat(ledger.account(ann).status()).isEqualTo(AccountStatus.SUSPENDED);
        assertThat(heard).singleElement().isInstanceOf(LedgerEvent.AccountChanged.class);
        ledger.reactivate(ann, T0.plusSeconds(120), "card found");
        heard.clear();

        ds.arm(1, Mode.LOSE_REPLY);
        ledger.expire(T0.plusSeconds(86_400L * 40));
        assertThat(ds.fired()).isTrue();
        ds.disarm();
        ledger.expire(T0.plusSeconds(86_400L * 40)); // the nightly job again: nothing more to expire
        assertThat(heard).singleElement().isInstanceOf(LedgerEvent.Expired.class);
        assertThat(ledger.balance(ann, PTS).total()).isZero();
    }
}
