package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

/** Replaying any posting with its key, any number of times, returns the first result and changes nothing. */
class IdempotentReplayProperties {

    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final MemberId ANN = MemberId.of("ann");
    private static final MemberId BOB = MemberId.of("bob");

    @Property(tries = 300)
    void replayingAnyPostingAnyNumberOfTimesChangesNothing(
            @ForAll @Size(min = 1, max = 20) List<@LongRange(min = 1, max = 300) Long> amounts,
            @ForAll @IntRange(min = 1, max = 5) int replays) {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(86_400), ZoneOffset.UTC))
                .currency(PTS).build();
        ledger.enrol(ANN, T0);
        ledger.enrol(BOB, T0);
        List<Supplier<Posting>> requests = new ArrayList<>();
        int n = 0;
        for (long amount : amounts) {
            Instant at = T0.plusSeconds(++n);
            IdempotencyKey key = IdempotencyKey.of("k" + n);
            Supplier<Posting> request;
            switch (n % 6) {
                case 0:
                    request = () -> ledger.redeem(ANN, PTS.points(amount), at, key, "reward");
                    break;
                case 1:
                    request = () -> ledger.earn(ANN, PTS.points(amount), at, key, "purchase");
                    break;
                case 2:
                    request = () -> ledger.transfer(ANN, BOB, PTS.points(amount), at, key, "gift");
                    break;
                case 3:
                    request = () -> ledger.reserve(ANN, PTS.points(amount), Duration.ofHours(1), at, key, "checkout");
                    break;
                case 4:
                    request = () -> ledger.reverse(ANN, IdempotencyKey.of("k1"), PTS.points(1), at, key, "return");
                    break;
                default:
                    request = () -> ledger.adjustCredit(BOB, PTS.points(amount), at, key, "goodwill");
            }
            try {
                Posting first = request.get();
                requests.add(request);
                List<Object> before = state(ledger);
                for (int r = 0; r < replays; r++) {
                    for (Supplier<Posting> earlier : requests) {
                        assertThat(earlier.get().key()).isNotNull();
                    }
                    assertThat(request.get()).isEqualTo(first);
                }
                assertThat(state(ledger)).isEqualTo(before);
            } catch (InsufficientPointsException | InvalidReversalException e) {
                // A rejected request posts nothing, so there is nothing to replay.
            }
        }
    }

    private static List<Object> state(Ledger ledger) {
        return List.of(ledger.balance(ANN, PTS), ledger.balance(BOB, PTS), ledger.lots(ANN, PTS), ledger.lots(BOB, PTS),
                ledger.statement(ANN), ledger.statement(BOB));
    }
}
