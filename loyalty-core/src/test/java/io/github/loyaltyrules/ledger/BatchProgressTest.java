package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batch jobs page through members and see the expiry sweep's progress without the store SPI. */
class BatchProgressTest {

    private static final ZoneId ZONE = ZoneId.of("UTC");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(1)));

    private static Ledger ledgerWith(int members) {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(PTS).build();
        for (int i = 0; i < members; i++) {
            MemberId m = MemberId.of(String.format("m%04d", i));
            ledger.enrol(m, T0);
            ledger.earn(m, PTS.points(10), T0, IdempotencyKey.of("earn-" + i), "test");
        }
        return ledger;
    }

    @Test
    void expirySweepReportsEachMemberDoneOutOfTheTotal() {
        Ledger ledger = ledgerWith(600);
        List<long[]> calls = new ArrayList<>();
        ExpirySweep sweep = ledger.expire(T0.plus(Period.ofDays(40)), (done, total) -> calls.add(new long[] {done, total}));
        assertThat(sweep.membersScanned()).isEqualTo(600);
        assertThat(sweep.expired()).containsEntry("PTS", 6000L);
        assertThat(calls).hasSize(600);
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i)).containsExactly(i + 1, 600);
        }
        List<long[]> again = new ArrayList<>();
        assertThat(ledger.expire(T0.plus(Period.ofDays(40)), (d, t) -> again.add(new long[] {d, t})).postings())
                .isZero();
        assertThat(again).hasSize(600);
    }

    @Test
    void membersArePagedInIdOrder() {
        Ledger ledger = ledgerWith(25);
        List<MemberId> all = new ArrayList<>();
        MemberId after = null;
        while (true) {
            List<MemberId> page = ledger.members(after, 10);
            all.addAll(page);
            if (page.size() < 10) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        assertThat(all).hasSize(25).isSorted().doesNotHaveDuplicates();
        assertThat(ledger.members(MemberId.of("m0024"), 10)).isEmpty();
    }

    @Test
    void aBadPageSizeOrListenerIsRejectedAndNothingChanges() {
        Ledger ledger = ledgerWith(3);
        assertThatThrownBy(() -> ledger.members(null, 0)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> ledger.members(null, 10_001)).isInstanceOf(InvalidRequestException.class);
        List<Entry> before = ledger.statement(MemberId.of("m0000"));
        assertThatThrownBy(() -> ledger.expire(T0.plus(Period.ofDays(40)), null))
                .isInstanceOf(NullPointerException.class);
        assertThat(ledger.statement(MemberId.of("m0000"))).isEqualTo(before);
    }
}
