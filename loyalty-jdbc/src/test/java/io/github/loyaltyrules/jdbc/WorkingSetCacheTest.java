package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Account;
import io.github.loyaltyrules.ledger.AccountStatusException;
import io.github.loyaltyrules.ledger.AccountStatus;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.Purse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store that keeps members' working sets posts from them without reading, and is never wrong
 * for it: another server's postings, a retry under a used key, a closed account and a key used
 * with other content are all found out before anything is written or refused. On H2 and
 * PostgreSQL; the cached working sets here are not compared with the database's first (the other
 * tests of this module compare every one), so that what is tested is what users run.
 */
class WorkingSetCacheTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    static Stream<Arguments> databases() {
        return Databases.freshUrls("cache").stream()
                .map(url -> Arguments.of(url.startsWith("jdbc:h2") ? "h2" : "postgres", url));
    }

    /** An application server: its own store over the database, keeping working sets. */
    private static Ledger server(String url) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3_600), ZoneOffset.UTC))
                .currency(PTS).store(JdbcLedgerStore.of(new UrlDataSource(url))
                        .withWorkingSetCache(JdbcLedgerStore.DEFAULT_CACHE, false)).build();
    }

    private static IdempotencyKey key(String db, String k) {
        return IdempotencyKey.of(db + "/" + k);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anotherServersPostingsAreSeenBeforeARedemptionIsRefusedOrAnEarnWritten(String db, String url) {
        Ledger a = server(url);
        Ledger b = server(url);
        MemberId m = MemberId.of(db + "-shared");
        a.enrol(m, T0);
        a.earn(m, PTS.points(100), T0, key(db, "a1"), "visit"); // a keeps m's working set: 100 points
        b.earn(m, PTS.points(50), T0, key(db, "b1"), "visit");
        // a's working set says 100: the redemption of 120 is worked out again on a fresh read, not refused
        a.redeem(m, PTS.points(120), T0, key(db, "a2"), "reward");
        assertThat(b.balance(m, PTS).total()).isEqualTo(30);
        b.earn(m, PTS.points(5), T0, key(db, "b2"), "visit");
        // a's working set (30) is stale: its commit is refused by the version and tried again
        a.earn(m, PTS.points(1), T0, key(db, "a3"), "visit");
        assertThat(a.balance(m, PTS).total()).isEqualTo(36);
        assertThat(a.statement(m)).hasSize(5);
        assertThatThrownBy(() -> a.redeem(m, PTS.points(37), T0, key(db, "a4"), "reward"))
                .isInstanceOf(InsufficientPointsException.class);
        assertThat(b.balance(m, PTS).total()).isEqualTo(36);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRetryOfASpendThatEmptiedThePurseReturnsItsPostingInsteadOfRefusingIt(String db, String url) {
        Ledger a = server(url);
        MemberId m = MemberId.of(db + "-retry");
        a.enrol(m, T0);
        a.earn(m, PTS.points(100), T0, key(db, "r1"), "visit");
        Posting spent = a.redeem(m, PTS.points(100), T0, key(db, "r2"), "reward");
        // the reply was lost, the till retries: the cached working set says 0 points left
        assertThat(a.redeem(m, PTS.points(100), T0, key(db, "r2"), "reward")).isEqualTo(spent);
        Posting earned = a.earn(m, PTS.points(100), T0, key(db, "r1"), "visit"); // a retry of an earn, cached too
        assertThat(earned.key()).isEqualTo(key(db, "r1"));
        assertThat(a.balance(m, PTS).total()).isZero();
        assertThat(a.statement(m)).hasSize(2);
        // the same key with other content is a conflict, not "too few points"
        assertThatThrownBy(() -> a.redeem(m, PTS.points(90), T0, key(db, "r2"), "reward"))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> a.earn(m, PTS.points(7), T0, key(db, "r1"), "visit"))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(a.balance(m, PTS).total()).isZero();
        assertThat(a.statement(m)).hasSize(2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAccountClosedOnAnotherServerRefusesPostingsOnThisOne(String db, String url) {
        Ledger a = server(url);
        Ledger b = server(url);
        MemberId m = MemberId.of(db + "-closed");
        a.enrol(m, T0);
        a.earn(m, PTS.points(10), T0, key(db, "c1"), "visit");
        b.close(m, T0.plusSeconds(1), "member asked");
        assertThatThrownBy(() -> a.earn(m, PTS.points(10), T0.plusSeconds(2), key(db, "c2"), "visit"))
                .isInstanceOf(AccountStatusException.class);
        assertThat(b.balance(m, PTS).total()).isEqualTo(a.balance(m, PTS).total());
        assertThat(a.statement(m)).hasSize(b.statement(m).size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSmallCacheSharedByManyMembersKeepsEachOneRight(String db, String url) {
        Ledger a = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3_600), ZoneOffset.UTC))
                .currency(PTS).store(JdbcLedgerStore.of(new UrlDataSource(url)).withWorkingSetCache(2, true)).build();
        for (int i = 0; i < 12; i++) {
            a.enrol(MemberId.of(db + "-many-" + i), T0);
        }
        for (int round = 1; round <= 3; round++) {
            for (int i = 0; i < 12; i++) {
                a.earn(MemberId.of(db + "-many-" + i), PTS.points(i + 1), T0, key(db, "m" + i + "/" + round), "visit");
            }
        }
        for (int i = 0; i < 12; i++) {
            assertThat(a.balance(MemberId.of(db + "-many-" + i), PTS).total()).isEqualTo(3L * (i + 1));
        }
    }

    @Test
    void aCacheKeepsTheNewerVersionOfAMemberAndOneMemberPerSlot() {
        BookCache cache = BookCache.of(1, false);
        assertThat(cache.size()).isEqualTo(2);
        MemberBook v2 = book("x", 2, 10);
        MemberBook v3 = book("x", 3, 20);
        cache.put(v3);
        cache.put(v2); // a late writer's older version does not replace the newer one
        assertThat(cache.get(MemberId.of("x")).version()).isEqualTo(3);
        cache.evict(MemberId.of("someone-else"));
        assertThat(cache.get(MemberId.of("x"))).isNotNull();
        cache.evict(MemberId.of("x"));
        assertThat(cache.get(MemberId.of("x"))).isNull();
        assertThat(BookCache.of(0).enabled()).isFalse();
        assertThat(BookCache.of(0).get(MemberId.of("x"))).isNull();
        assertThatThrownBy(() -> BookCache.of(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
    }

    @Test
    void aMemberDisplacesAnotherOnlyWhenBothItsSlotsAreTaken() {
        BookCache cache = BookCache.of(4_096, false);
        for (int i = 0; i < 1_000; i++) {
            cache.put(book("member-" + i, 2, i));
        }
        int kept = 0;
        for (int i = 0; i < 1_000; i++) {
            MemberBook b = cache.get(MemberId.of("member-" + i));
            if (b != null) {
                assertThat(b.purses().get("PTS").balance()).isEqualTo(i);
                kept++;
            }
        }
        assertThat(kept).as("members kept of 1,000 in 4,096 slots").isGreaterThanOrEqualTo(980);
        for (int i = 0; i < 1_000; i++) {
            cache.evict(MemberId.of("member-" + i));
            assertThat(cache.get(MemberId.of("member-" + i))).isNull();
        }
    }

    @Test
    void aCachedBookIsWhatAReadWouldReturnAndMembersWithReservationsAreNotKept() {
        Instant nanos = Instant.parse("2026-05-01T10:00:00.123456789Z");
        MemberBook book = new MemberBook(new Account(MemberId.of("x"), AccountStatus.ACTIVE, nanos, nanos, "enrolled"), 4, 7, 9,
                Map.of("PTS", Purse.withoutLots("PTS", 12, 0, nanos)), Map.of());
        MemberBook kept = BookCache.cacheable(book);
        Instant micros = Instant.parse("2026-05-01T10:00:00.123456Z");
        assertThat(kept.account().enrolledAt()).isEqualTo(micros);
        assertThat(kept.purses().get("PTS").lastActivity()).isEqualTo(micros);
        assertThat(kept.purses().get("PTS").balance()).isEqualTo(12);
        assertThat(BookCache.sameWorkingSet(kept, BookCache.cacheable(kept))).isTrue();
        assertThat(BookCache.sameWorkingSet(kept, book("x", 4, 12))).isFalse();
    }

    @Test
    void aStoreThatWritesInItsCallersTransactionKeepsNothing() {
        JdbcLedgerStore store = JdbcLedgerStore.of(Databases.h2("cache-caller"));
        assertThat(store.withTransactionOwner(TransactionOwner.CALLER).cacheSize()).isZero();
        assertThat(store.withTransactionOwner(TransactionOwner.CALLER).withTransactionOwner(TransactionOwner.STORE)
                .cacheSize()).isEqualTo(JdbcLedgerStore.DEFAULT_CACHE);
        assertThat(store.withWorkingSetCache(0).cacheSize()).isZero();
    }

    private static MemberBook book(String member, long version, long balance) {
        return new MemberBook(new Account(MemberId.of(member), AccountStatus.ACTIVE, T0, T0, "enrolled"), version, 1, 1,
                Map.of("PTS", Purse.withoutLots("PTS", balance, 0, T0)), Map.of());
    }
}
