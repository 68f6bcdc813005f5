package io.github.loyaltyrules.tier;

import static io.github.loyaltyrules.tier.Ladders.PARIS;
import static io.github.loyaltyrules.tier.Ladders.at;
import static io.github.loyaltyrules.tier.Ladders.key;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The nightly assessment job is idempotent, reports progress and delivers events to the listener. */
class AssessmentTest {

    @Test
    void assessingTwiceAtTheSameInstantChangesNothingAndReportsProgress() {
        List<TierEvent> delivered = new ArrayList<>();
        TierEngine engine = TierEngine.of(Ladders.beauty().build(), delivered::add);
        for (int i = 0; i < 5; i++) {
            engine.record(MemberId.of("m" + i), Money.of((i * 300 + 50) + ".00", "EUR"), at("2026-03-01T10:00", PARIS),
                    key());
        }
        delivered.clear();
        List<int[]> progress = new ArrayList<>();
        Instant close = at("2028-01-01T00:00", PARIS);

        List<TierEvent> first = engine.assessTiers(close, (done, total) -> progress.add(new int[] {done, total}));
        List<TierEvent> second = engine.assessTiers(close);

        assertThat(first).isEqualTo(delivered).isNotEmpty();
        assertThat(second).isEmpty();
        assertThat(progress).extracting(p -> p[0] + "/" + p[1]).containsExactly("1/5", "2/5", "3/5", "4/5", "5/5");
        assertThat(first).filteredOn(e -> e instanceof TierDowngraded).hasSize(4);
    }

    @Test
    void concurrentRecordingAndAssessmentKeepEveryActivity() throws Exception {
        TierEngine engine = TierEngine.of(Ladders.beauty().build());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 50; i++) {
                    engine.record(MemberId.of("m" + (i % 5)), Money.of("10.00", "EUR"),
                            at("2026-03-01T10:00", PARIS).plusSeconds(i), key());
                    if (thread == 0) {
                        engine.assessTiers(at("2026-03-01T10:00", PARIS));
                    }
                }
            }));
        }
        for (Future<?> f : futures) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        for (int m = 0; m < 5; m++) {
            assertThat(engine.progress(MemberId.of("m" + m), at("2026-04-01T00:00", PARIS)).values())
                    .containsEntry(Ladders.SPEND_EUR, new java.math.BigDecimal("400.00"));
            assertThat(engine.tierAt(MemberId.of("m" + m), at("2026-04-01T00:00", PARIS)).name()).isEqualTo("VIB");
        }
    }
}
