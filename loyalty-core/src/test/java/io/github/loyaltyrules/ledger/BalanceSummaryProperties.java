package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.internal.OpenLots;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * A balance read from a lot list's summary (no lot visited) is the balance the lots give one by one,
 * whether the list was copied or grown by appends.
 */
class BalanceSummaryProperties {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final MemberId ANN = MemberId.of("ann");

    /** A lot: remaining 0..3 of 3, earned on day 0..4, available 0..2 days later, expiring never or on day 2..8. */
    record Spec(int remaining, int earned, int hold, int expiry) {
    }

    @Provide
    Arbitrary<List<Spec>> specs() {
        return Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2), Arbitraries.integers().between(1, 8))
                .as(Spec::new).list().ofMaxSize(12);
    }

    private static Instant day(int d) {
        return T0.plusSeconds(86_400L * d);
    }

    @Property(tries = 500)
    void summaryBalanceEqualsTheLotByLotBalance(@ForAll("specs") List<Spec> specs,
            @ForAll @IntRange(min = 0, max = 10) int asOfDay, @ForAll @IntRange(min = 0, max = 12) int lapseDay,
            @ForAll @IntRange(min = 0, max = 12) int copied) {
        List<Lot> lots = new ArrayList<>();
        long id = 1;
        for (Spec s : specs) {
            Instant earned = day(s.earned());
            lots.add(new Lot(LotId.of(id), "PTS", 3, s.remaining(), earned, day(s.earned() + s.hold()),
                    s.expiry() == 1 ? null : day(s.expiry()), new IdempotencyKey("k" + id), earned));
            id++;
        }
        // the first `copied` lots are copied into a list, the rest appended one by one
        int split = Math.min(copied, lots.size());
        OpenLots list = OpenLots.copyOf(lots.subList(0, split));
        for (Lot lot : lots.subList(split, lots.size())) {
            list = list.plus(lot);
        }
        Instant asOf = day(asOfDay).plusSeconds(asOfDay % 2 == 0 ? 0 : 3600);
        Instant lapse = lapseDay == 12 ? null : day(lapseDay);
        Balance fromSummary = Books.balance(ANN, "PTS", asOf, list, Map.of(), lapse, null, 7);
        Balance lotByLot = Books.balance(ANN, "PTS", asOf, new ArrayList<>(lots), Map.of(), lapse, null, 7);
        assertThat(fromSummary).isEqualTo(lotByLot);
    }
}
