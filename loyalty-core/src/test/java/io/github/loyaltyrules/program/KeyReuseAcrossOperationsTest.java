package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** A caller key names one operation: reusing it for another kind of operation is a conflict. */
class KeyReuseAcrossOperationsTest {

    private static final MemberId ANN = LoyaltyProgramTest.ANN;
    private static final Instant T0 = LoyaltyProgramTest.T0;

    private static void assertUnchanged(LoyaltyProgram program, List<Entry> before) {
        assertThat(program.ledger().statement(ANN)).isEqualTo(before);
    }

    @Test
    void aPurchaseKeyReusedForARedemptionOrReservationIsAConflict() {
        LoyaltyProgram program = LoyaltyProgramTest.program();
        IdempotencyKey key = IdempotencyKey.of("till-1/0001");
        program.purchase(ANN, LoyaltyProgramTest.basket(), T0, key);
        List<Entry> before = program.ledger().statement(ANN);

        assertThatThrownBy(() -> program.redeem(ANN, LoyaltyProgramTest.PTS.points(5), T0.plusSeconds(1), key, "x"))
                .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("till-1/0001")
                .hasMessageContaining("a purchase or event");
        assertThatThrownBy(() -> program.reserve(ANN, LoyaltyProgramTest.PTS.points(5), Duration.ofMinutes(5),
                T0.plusSeconds(1), key, "x")).isInstanceOf(IdempotencyConflictException.class);
        assertThatThrownBy(() -> program.redeemReward(ANN, "cup", T0.plusSeconds(1), key))
                .isInstanceOf(IdempotencyConflictException.class);
        assertUnchanged(program, before);
        // The key still retries the purchase.
        assertThat(program.purchase(ANN, LoyaltyProgramTest.basket(), T0, key).total("PTS")).isEqualTo(22);
        assertUnchanged(program, before);
    }

    @Test
    void aRedemptionKeyReusedForAPurchaseOrReturnIsAConflict() {
        LoyaltyProgram program = LoyaltyProgramTest.program();
        program.purchase(ANN, LoyaltyProgramTest.basket(), T0, IdempotencyKey.of("order-1"));
        IdempotencyKey key = IdempotencyKey.of("pay-1");
        program.redeem(ANN, LoyaltyProgramTest.PTS.points(5), T0.plusSeconds(1), key, "pay");
        List<Entry> before = program.ledger().statement(ANN);

        assertThatThrownBy(() -> program.purchase(ANN, LoyaltyProgramTest.basket(), T0.plusSeconds(2), key))
                .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("pay-1");
        assertThatThrownBy(() -> program.returnPurchase(ANN, IdempotencyKey.of("order-1"), Map.of("1", 1L),
                T0.plusSeconds(2), key)).isInstanceOf(IdempotencyConflictException.class);
        assertUnchanged(program, before);
        assertThat(program.receipt(key)).isEmpty();
    }

    @Test
    void aKeyUsedOnlyOnTheLedgerIsAConflictForAPurchase() {
        LoyaltyProgram program = LoyaltyProgramTest.program();
        program.purchase(ANN, LoyaltyProgramTest.basket(), T0, IdempotencyKey.of("order-1"));
        IdempotencyKey key = IdempotencyKey.of("direct-1");
        program.ledger().redeem(ANN, LoyaltyProgramTest.PTS.points(5), T0.plusSeconds(1), key, "pay");
        List<Entry> before = program.ledger().statement(ANN);
        assertThatThrownBy(() -> program.purchase(ANN, LoyaltyProgramTest.basket(), T0.plusSeconds(2), key))
                .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("REDEEM");
        assertUnchanged(program, before);
    }

    @Test
    void aReturnKeyReusedForACaptureIsAConflictAndARejectedCallLeavesTheKeyFree() {
        LoyaltyProgram program = LoyaltyProgramTest.program();
        program.purchase(ANN, LoyaltyProgramTest.basket(), T0, IdempotencyKey.of("order-1"));
        IdempotencyKey hold = IdempotencyKey.of("hold-1");
        program.reserve(ANN, LoyaltyProgramTest.PTS.points(5), Duration.ofMinutes(5), T0.plusSeconds(1), hold, "x");
        IdempotencyKey ret = IdempotencyKey.of("ret-1");
        program.returnPurchase(ANN, IdempotencyKey.of("order-1"), Map.of("1", 1L), T0.plusSeconds(2), ret);
        List<Entry> before = program.ledger().statement(ANN);
        assertThatThrownBy(() -> program.capture(ANN, hold, T0.plusSeconds(3), ret))
                .isInstanceOf(IdempotencyConflictException.class);
        assertUnchanged(program, before);

        // A purchase rejected for its own reason does not keep the key: it can then be used to capture.
        IdempotencyKey unused = IdempotencyKey.of("cap-1");
        assertThatThrownBy(() -> program.purchase(MemberId.of("nobody"), LoyaltyProgramTest.basket(), T0, unused))
                .isInstanceOf(io.github.loyaltyrules.ledger.UnknownMemberException.class);
        program.capture(ANN, hold, T0.plusSeconds(3), unused);
    }

    @RepeatedTest(20)
    void racingAPurchaseAndARedemptionOfTwoMembersUnderOneKeyLetsExactlyOneThrough() throws Exception {
        LoyaltyProgram program = LoyaltyProgramTest.program();
        MemberId bea = MemberId.of("bea");
        program.enrol(bea, T0);
        program.ledger().earn(bea, LoyaltyProgramTest.PTS.points(5), T0, IdempotencyKey.of("seed"), "opening");
        IdempotencyKey key = IdempotencyKey.of("shared-1");
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> buy = pool.submit(() -> {
                go.await();
                return program.purchase(ANN, LoyaltyProgramTest.basket(), T0, key);
            });
            Future<?> pay = pool.submit(() -> {
                go.await();
                return program.redeem(bea, LoyaltyProgramTest.PTS.points(5), T0, key, "pay");
            });
            go.countDown();
            int ok = 0;
            for (Future<?> f : List.of(buy, pay)) {
                try {
                    f.get(10, TimeUnit.SECONDS);
                    ok++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(IdempotencyConflictException.class);
                }
            }
            assertThat(ok).isEqualTo(1);
            long moved = program.ledger().balance(ANN, LoyaltyProgramTest.PTS).total()
                    + (5 - program.ledger().balance(bea, LoyaltyProgramTest.PTS).total());
            assertThat(moved).isIn(22L, 5L);
        } finally {
            pool.shutdownNow();
        }
    }
}
