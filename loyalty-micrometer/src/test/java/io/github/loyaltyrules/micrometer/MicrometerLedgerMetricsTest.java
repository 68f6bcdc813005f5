package io.github.loyaltyrules.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MicrometerLedgerMetricsTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

    @Test
    void aLedgersWorkShowsInTheRegistry() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS)
                .metrics(new MicrometerLedgerMetrics(registry)).build();
        MemberId ann = MemberId.of("ann");
        ledger.enrol(ann, T0);
        ledger.earn(ann, PTS.points(100), T0, IdempotencyKey.of("e-1"), "first");
        ledger.earn(ann, PTS.points(20), T0, IdempotencyKey.of("e-2"), "second");
        ledger.earn(ann, PTS.points(20), T0, IdempotencyKey.of("e-2"), "second");
        ledger.redeem(ann, PTS.points(30), T0, IdempotencyKey.of("r-1"), "coffee");
        assertThatThrownBy(() -> ledger.redeem(ann, PTS.points(900), T0, IdempotencyKey.of("r-2"), "x"))
                .isInstanceOf(InsufficientPointsException.class);
        assertThatThrownBy(() -> ledger.earn(MemberId.of("bob"), PTS.points(1), T0, IdempotencyKey.of("e-3"), "x"))
                .isInstanceOf(UnknownMemberException.class);

        assertThat(registry.get("loyalty.postings").tag("type", "earn").timer().count()).isEqualTo(2);
        assertThat(registry.get("loyalty.postings").tag("type", "earn").timer().totalTime(TimeUnit.NANOSECONDS))
                .isPositive();
        assertThat(registry.get("loyalty.postings").tag("type", "redeem").timer().count()).isEqualTo(1);
        assertThat(registry.get("loyalty.replays").tag("type", "earn").counter().count()).isEqualTo(1);
        assertThat(registry.get("loyalty.refusals").tag("reason", "insufficient_points").counter().count()).isEqualTo(1);
        assertThat(registry.get("loyalty.refusals").tag("reason", "not_found").counter().count()).isEqualTo(1);
        assertThat(registry.get("loyalty.retries").counter().count()).isZero();
        // a fixed set of meters, tagged by type and reason only: no member, key or amount
        for (Meter m : registry.getMeters()) {
            assertThat(m.getId().getTags()).allSatisfy(t -> assertThat(t.getKey()).isIn("type", "reason"));
            assertThat(m.getId().toString()).doesNotContain("ann").doesNotContain("e-1");
        }
        assertThatThrownBy(() -> new MicrometerLedgerMetrics(null)).isInstanceOf(NullPointerException.class);
    }
}
