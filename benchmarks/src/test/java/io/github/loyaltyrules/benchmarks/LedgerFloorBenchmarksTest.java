package io.github.loyaltyrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The floor is a fair floor: the benchmarks' operation sequences leave the real ledger and
 * {@link LedgerFloor} with the same balances and the same open lots, member by member.
 */
class LedgerFloorBenchmarksTest {

    @Test
    void theBenchmarkSequenceEndsInTheSameBooksOnBothSides() {
        // one instance runs only the ledger's operations and one only the floor's, so both see the same members in turn
        LedgerFloorBenchmarks ours = benchmarks();
        LedgerFloorBenchmarks floor = benchmarks();
        for (int round = 0; round < 40; round++) {
            for (int i = 0; i < 3; i++) {
                ours.earnOurs();
                floor.earnFloor();
            }
            for (int i = 0; i < 5; i++) {
                ours.redeemThenReverseOurs();
                floor.redeemThenReverseFloor();
            }
        }
        for (MemberId m : ours.ids) {
            assertSameBooks(ours, floor.floor, m);
        }
        long total = 0;
        for (MemberId m : floor.ids) {
            total += floor.floor.balance(m);
        }
        assertThat(total).as("7 members' 10 one-point lots and 120 earns of 10").isEqualTo(7 * 10 + 120 * LedgerFloorBenchmarks.EARN);
    }

    @Test
    void redemptionsTakeTheOldestLotsFirstOnBothSides() {
        LedgerFloorBenchmarks b = benchmarks();
        MemberId m = b.ids[3];
        long[] amounts = {7, 25, 3, 40, 12};
        for (int i = 0; i < amounts.length; i++) {
            Instant at = b.clock.advance(60);
            b.ledger.earn(m, Fixtures.PTS.points(amounts[i]), at, IdempotencyKey.of("x-earn-" + i), "earn");
            b.floor.earn(m, amounts[i]);
        }
        long[] redemptions = {4, 30, 1, 19};
        LedgerFloor.Taken last = null;
        for (int i = 0; i < redemptions.length; i++) {
            Instant at = b.clock.advance(60);
            b.ledger.redeem(m, Fixtures.PTS.points(redemptions[i]), at, IdempotencyKey.of("x-redeem-" + i), "redeem");
            last = b.floor.redeem(m, redemptions[i]);
            assertSameBooks(b, b.floor, m);
        }
        b.ledger.reverse(m, IdempotencyKey.of("x-redeem-3"), b.clock.advance(60), IdempotencyKey.of("x-undo"), "undo");
        b.floor.reverse(m, last);
        assertSameBooks(b, b.floor, m);
        assertThatThrownBy(() -> b.floor.redeem(m, b.floor.balance(m) + 1)).isInstanceOf(IllegalStateException.class);
    }

    private static LedgerFloorBenchmarks benchmarks() {
        LedgerFloorBenchmarks b = new LedgerFloorBenchmarks();
        b.members = 7;
        b.lots = 10;
        b.setUp();
        return b;
    }

    /** The ledger of {@code ours} and {@code floor} agree on the member's balance and open lots, oldest first. */
    private static void assertSameBooks(LedgerFloorBenchmarks ours, LedgerFloor floor, MemberId m) {
        long[] open = ours.ledger.lots(m, Fixtures.PTS).stream().mapToLong(Lot::remaining).filter(r -> r > 0).toArray();
        assertThat(ours.ledger.balance(m, Fixtures.PTS).total()).as("balance of " + m).isEqualTo(floor.balance(m));
        assertThat(ours.ledger.balance(m, Fixtures.PTS).available()).as("available to " + m).isEqualTo(floor.balance(m));
        assertThat(open).as("open lots of " + m).containsExactly(floor.openLots(m));
    }
}
