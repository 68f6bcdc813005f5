package io.github.loyaltyrules.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.Lot;
import io.github.loyaltyrules.ledger.MemberId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The history set-up makes the postings it promises, and the in-memory store forgets those that
 * fall out of the 30-day window; the iteration fixtures leave the balances as they found them.
 */
class HistoryGrowthBenchmarksTest {

    @Test
    void theHistoryHasItsPostingsAndOnlyTheWindowIsKept() {
        HistoryGrowthBenchmarks b = new HistoryGrowthBenchmarks();
        b.members = 3;
        b.history = 2_000;
        b.build();

        assertThat(b.posted).isEqualTo(2_000);
        Instant horizon = b.ledger.horizon();
        assertThat(horizon).isEqualTo(b.start.plusSeconds(2_000 * b.step).minus(HistoryGrowthBenchmarks.WINDOW));
        int kept = 0;
        for (int i = 0; i < b.history; i++) {
            boolean inWindow = !b.start.plusSeconds((i + 1) * b.step).isBefore(horizon);
            assertThat(b.ledger.posting(HistoryGrowthBenchmarks.historyKey(i)).isPresent())
                    .as("posting %d is kept exactly while it is in the window", i).isEqualTo(inWindow);
            kept += inWindow ? 1 : 0;
        }
        assertThat(kept).isEqualTo(b.keptInWindow()).isLessThan(b.history / 20);

        long[] balance = new long[b.members];
        long[] earns = new long[b.members];
        long[] redemptions = new long[b.members];
        for (int i = 0; i < b.history; i++) {
            int m = i % b.members;
            if (balance[m] >= HistoryGrowthBenchmarks.CEILING) {
                balance[m] -= HistoryGrowthBenchmarks.REDEEM;
                redemptions[m]++;
            } else {
                balance[m] += HistoryGrowthBenchmarks.EARN;
                earns[m]++;
            }
        }
        for (int m = 0; m < b.members; m++) {
            MemberId id = b.ids[m];
            assertThat(b.ledger.balance(id, Fixtures.PTS).total()).as("balance of " + id).isEqualTo(balance[m]);
            assertThat(redemptions[m]).as("redemptions of " + id).isGreaterThan(earns[m] / 2);
            List<Lot> lots = b.ledger.lots(id, Fixtures.PTS);
            long open = lots.stream().filter(l -> l.remaining() > 0).count();
            long spentKept = lots.size() - open;
            assertThat(open).as("open lots of " + id).isBetween(4L, 6L);
            assertThat(spentKept).as("spent lots kept for " + id).isLessThan((earns[m] - open) / 10);
            List<Entry> entries = b.ledger.statement(id);
            assertThat(entries.size()).as("entries kept for " + id).isLessThan(b.history / b.members / 10);
        }
    }

    @Test
    void iterationsLeaveTheBalancesAsTheyFoundThem() {
        HistoryGrowthBenchmarks b = new HistoryGrowthBenchmarks();
        b.members = 3;
        b.history = 300;
        b.build();
        long[] balances = new long[b.members];
        for (int m = 0; m < b.members; m++) {
            balances[m] = b.ledger.balance(b.ids[m], Fixtures.PTS).total();
        }
        for (int iteration = 0; iteration < 3; iteration++) {
            b.supply();
            for (int i = 0; i < 50; i++) {
                assertThat(iteration == 1 ? b.redeem() : b.earn()).isNotNull();
            }
            b.settle();
            for (int m = 0; m < b.members; m++) {
                assertThat(b.ledger.balance(b.ids[m], Fixtures.PTS).total()).as("m" + m + " after " + iteration)
                        .isEqualTo(balances[m]);
            }
        }
    }
}
