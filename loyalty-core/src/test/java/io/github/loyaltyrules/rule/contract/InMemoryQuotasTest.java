package io.github.loyaltyrules.rule.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.Quotas;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The quotas contract on the in-memory quotas, and how they forget draws past their retention. */
class InMemoryQuotasTest extends QuotasContract {

    @Override
    protected Quotas fresh() {
        return Quotas.inMemory();
    }

    /** A clock a test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void drawsAreForgottenAfterTheRetentionAndTheCountersKeepThem() {
        MovingClock clock = new MovingClock();
        Quotas q = Quotas.inMemory(Duration.ofDays(1), clock);
        q.draw("old", "b", 5, 100);
        clock.now = clock.now.plus(Duration.ofDays(2));
        q.draw("new", "b", 1, 100); // a new request prunes what is past the retention
        assertThat(q.drawn("old", "b")).isZero();
        assertThat(q.drawn("new", "b")).isEqualTo(1);
        assertThat(q.used("b")).isEqualTo(6);
        q.settle("old", Set.of()); // forgotten: nothing to release
        assertThat(q.used("b")).isEqualTo(6);
    }
}
