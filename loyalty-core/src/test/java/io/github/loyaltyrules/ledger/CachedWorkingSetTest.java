package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.ForwardingLedgerStore;
import io.github.loyaltyrules.ledger.spi.KeyedWorkingSet;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import io.github.loyaltyrules.ledger.spi.MemberChange;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The ledger's side of {@link KeyedWorkingSet#cached}: a store that answers a posting's read from
 * the working sets it last wrote, without looking the key up, never makes the ledger wrong. Two
 * "servers" share one store, each remembering what it wrote; their working sets go stale, keys are
 * retried, and each answer equals what a store that always reads would give.
 */
class CachedWorkingSetTest {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final MemberId ANN = MemberId.of("ann");

    /** A server's view of a shared store: the books it committed last, handed out unread. */
    static final class RememberingStore extends ForwardingLedgerStore {
        final Map<MemberId, MemberBook> kept = new ConcurrentHashMap<>();
        int cachedReads;

        RememberingStore(LedgerStore shared) {
            super(shared);
        }

        @Override
        public KeyedWorkingSet workingSet(MemberId member, IdempotencyKey key) {
            MemberBook book = kept.get(member);
            if (book != null) {
                cachedReads++;
                return KeyedWorkingSet.cached(book);
            }
            KeyedWorkingSet read = super.workingSet(member, key);
            read.workingSet().ifPresent(b -> kept.put(member, b));
            return read;
        }

        @Override
        public CommitResult apply(Commit commit) {
            CommitResult result = super.apply(commit);
            for (MemberChange change : commit.changes()) {
                if (result == CommitResult.APPLIED) {
                    kept.put(change.book().account().member(), change.book());
                } else {
                    kept.remove(change.book().account().member());
                }
            }
            return result;
        }
    }

    private static Ledger server(RememberingStore store) {
        return Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC)).currency(PTS)
                .store(store).build();
    }

    private static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    @Test
    void anotherServersPostingsAreSeenBeforeARefusalAndAStaleCommitIsWorkedOutAgain() {
        LedgerStore shared = LedgerStore.inMemory();
        RememberingStore a = new RememberingStore(shared);
        Ledger serverA = server(a);
        Ledger serverB = server(new RememberingStore(shared));
        serverA.enrol(ANN, T0);
        serverA.earn(ANN, PTS.points(100), T0, key("a1"), "visit");
        serverB.earn(ANN, PTS.points(50), T0, key("b1"), "visit");
        // a remembers 100 points: the redemption of 120 is worked out again on a fresh read, not refused
        serverA.redeem(ANN, PTS.points(120), T0, key("a2"), "reward");
        serverB.earn(ANN, PTS.points(5), T0, key("b2"), "visit");
        serverA.earn(ANN, PTS.points(1), T0, key("a3"), "visit"); // a's book is stale: refused at commit, redone
        assertThat(serverB.balance(ANN, PTS).total()).isEqualTo(36);
        assertThat(serverA.statement(ANN)).hasSize(5);
        assertThatThrownBy(() -> serverA.redeem(ANN, PTS.points(37), T0, key("a4"), "reward"))
                .isInstanceOf(InsufficientPointsException.class);
        assertThat(a.cachedReads).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRetryAnsweredFromACachedBookReturnsItsPostingOrNamesTheConflict() {
        RememberingStore a = new RememberingStore(LedgerStore.inMemory());
        Ledger ledger = server(a);
        ledger.enrol(ANN, T0);
        Posting earned = ledger.earn(ANN, PTS.points(100), T0, key("r1"), "visit");
        Posting spent = ledger.redeem(ANN, PTS.points(100), T0, key("r2"), "reward");
        // each of these is answered from the cached book (0 points left), key not looked up
        assertThat(ledger.redeem(ANN, PTS.points(100), T0, key("r2"), "reward")).isEqualTo(spent);
        assertThatThrownBy(() -> ledger.redeem(ANN, PTS.points(90), T0, key("r2"), "reward"))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> ledger.earn(ANN, PTS.points(7), T0, key("r1"), "visit"))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThat(a.cachedReads).isEqualTo(5);
        assertThat(ledger.earn(ANN, PTS.points(100), T0, key("r1"), "visit")).isEqualTo(earned);
        assertThat(ledger.balance(ANN, PTS).total()).isZero();
        assertThat(ledger.statement(ANN)).hasSize(2);
    }

    @Test
    void anAccountClosedElsewhereIsRefusedAndARealRefusalStands() {
        LedgerStore shared = LedgerStore.inMemory();
        Ledger serverA = server(new RememberingStore(shared));
        Ledger serverB = server(new RememberingStore(shared));
        serverA.enrol(ANN, T0);
        serverA.earn(ANN, PTS.points(10), T0, key("c1"), "visit");
        serverB.close(ANN, T0.plusSeconds(1), "member asked");
        assertThatThrownBy(() -> serverA.earn(ANN, PTS.points(10), T0.plusSeconds(2), key("c2"), "visit"))
                .isInstanceOf(AccountStatusException.class);
        assertThat(serverA.balance(ANN, PTS).total()).isEqualTo(10);
        assertThat(serverA.posting(key("c2"))).isEqualTo(Optional.empty());
    }

    @Test
    void aCachedReadSaysSoWithoutShowingTheBook() {
        MemberBook book = LedgerStore.inMemory().workingSet(ANN).orElse(null);
        assertThat(book).isNull();
        RememberingStore a = new RememberingStore(LedgerStore.inMemory());
        server(a).enrol(ANN, T0);
        server(a).earn(ANN, PTS.points(3), T0, key("t1"), "visit");
        KeyedWorkingSet cached = a.workingSet(ANN, key("t2"));
        assertThat(cached.isCached()).isTrue();
        assertThat(cached.firstPosting()).isEmpty();
        assertThat(cached.toString()).isEqualTo("KeyedWorkingSet[cached, key not looked up]").doesNotContain("ann");
        assertThat(KeyedWorkingSet.keyFree(Optional.empty()).isCached()).isFalse();
        assertThatThrownBy(() -> KeyedWorkingSet.cached(null)).isInstanceOf(NullPointerException.class);
    }
}
