package io.github.loyaltyrules.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.engagement.spi.InMemoryChallengeStore;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.RepeatedTest;

/**
 * Two programs (two servers, each with its own monitors) over one ledger, program store and challenge
 * store record one member's purchases at once, each purchase sent to both: every purchase counts once,
 * and the repeatable challenge rewards exactly the completions the count makes.
 */
class TwoServersCountEveryPurchaseOnceTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    static final MemberId ANN = MemberId.of("ann");

    @RepeatedTest(5)
    void everyPurchaseCountsOnceWhicheverServerRecordsIt() throws Exception {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC))
                .currency(PTS).build();
        InMemoryProgramStore programStore = InMemoryProgramStore.create();
        InMemoryChallengeStore challengeStore = InMemoryChallengeStore.create();
        ProgramVersion v = ProgramVersion.of("v1", ctx -> Evaluation.NOTHING, List.of()).withChallenges(
                Challenge.of("every-3", "Every 3 visits", ChallengeGoal.purchases(3), ChallengeWindow.MONTH, "PTS", 10)
                        .withRepeatable(true));
        LoyaltyProgram a = LoyaltyProgram.builder(ledger, v).store(programStore).challengeStore(challengeStore).build();
        LoyaltyProgram b = LoyaltyProgram.builder(ledger, v).store(programStore).challengeStore(challengeStore).build();
        a.enrol(ANN, T0.minusSeconds(60));
        int purchases = 60;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new java.util.ArrayList<>();
            for (LoyaltyProgram server : List.of(a, b)) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < purchases; i++) {
                        server.purchase(ANN, Purchase.of("s", "pos", List.of(BasketLine.of("1", "X", "food", 1,
                                Money.of("1.00", "EUR")))), T0.plusSeconds(i), IdempotencyKey.of("p" + i));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(a.challengeProgress(ANN, "every-3", T0).toString()).isEqualTo(purchases + " of 3");
        assertThat(a.challengeProgress(ANN, "every-3", T0).rewarded()).isEqualTo(purchases / 3);
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(purchases / 3 * 10);
    }
}
