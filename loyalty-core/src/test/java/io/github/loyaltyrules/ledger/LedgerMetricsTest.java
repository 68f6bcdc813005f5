package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.ForwardingLedgerStore;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the ledger tells its metrics: postings with their time, retries answered, refusals by reason, commits tried again. */
class LedgerMetricsTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    /** Writes down every call. */
    static final class Recorder implements LedgerMetrics {
        final List<String> calls = new ArrayList<>();

        @Override
        public void posted(PostingType type, long nanos) {
            assertThat(nanos).isPositive();
            calls.add("posted " + type);
        }

        @Override
        public void replayed(PostingType type) {
            calls.add("replayed " + type);
        }

        @Override
        public void refused(LoyaltyException.Reason reason) {
            calls.add("refused " + reason);
        }

        @Override
        public void retried() {
            calls.add("retried");
        }
    }

    /** A store whose first commit finds the member changed by another writer. */
    static final class OnceStale extends ForwardingLedgerStore {
        final AtomicInteger stale = new AtomicInteger(1);

        OnceStale() {
            super(LedgerStore.inMemory());
        }

        @Override
        public CommitResult apply(Commit commit) {
            return stale.getAndDecrement() > 0 ? CommitResult.STALE : super.apply(commit);
        }
    }

    @Test
    void postingsRetriesRefusalsAndContentionAreCounted() {
        Recorder metrics = new Recorder();
        OnceStale store = new OnceStale();
        store.stale.set(0);
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).store(store).metrics(metrics).build();
        ledger.enrol(ANN, T0);
        ledger.earn(ANN, PTS.points(100), T0, IdempotencyKey.of("e-1"), "first");
        ledger.earn(ANN, PTS.points(100), T0, IdempotencyKey.of("e-1"), "first");
        assertThatThrownBy(() -> ledger.redeem(ANN, PTS.points(500), T0, IdempotencyKey.of("r-1"), "too much"))
                .isInstanceOf(InsufficientPointsException.class);
        assertThatThrownBy(() -> ledger.earn(ANN, PTS.points(7), T0, IdempotencyKey.of("e-1"), "other"))
                .isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> ledger.earn(MemberId.of("nobody"), PTS.points(7), T0, IdempotencyKey.of("e-2"), "x"))
                .isInstanceOf(UnknownMemberException.class);
        store.stale.set(1);
        ledger.redeem(ANN, PTS.points(30), T0, IdempotencyKey.of("r-2"), "coffee");
        ledger.post(List.of(new PostingRequest.Earn(ANN, PTS.points(1), T0, IdempotencyKey.of("b-1"), "one"),
                new PostingRequest.Earn(ANN, PTS.points(2), T0, IdempotencyKey.of("b-2"), "two")));

        assertThat(metrics.calls).containsExactly("posted EARN", "replayed EARN", "refused INSUFFICIENT_POINTS",
                "refused CONFLICT", "refused NOT_FOUND", "retried", "posted REDEEM", "posted EARN", "posted EARN");
    }

    @Test
    void metricsThatFailNeverChangeTheCall() {
        LedgerMetrics broken = new LedgerMetrics() {
            @Override
            public void posted(PostingType type, long nanos) {
                throw new IllegalStateException("the metrics backend is down");
            }

            @Override
            public void refused(LoyaltyException.Reason reason) {
                throw new IllegalStateException("the metrics backend is down");
            }
        };
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).metrics(broken).build();
        ledger.enrol(ANN, T0);
        Posting p = ledger.earn(ANN, PTS.points(10), T0, IdempotencyKey.of("e-1"), "first");
        assertThat(p.amount()).isEqualTo(10);
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(10);
        assertThatThrownBy(() -> ledger.redeem(ANN, PTS.points(500), T0, IdempotencyKey.of("r-1"), "too much"))
                .isInstanceOf(InsufficientPointsException.class);
        assertThatThrownBy(() -> Ledger.builder().metrics(null)).isInstanceOf(NullPointerException.class);
    }
}
