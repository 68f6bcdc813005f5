package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A linked batch posts exactly what its requests would post one by one, or nothing at all; a
 * retry of the batch returns its first postings.
 */
class LinkedBatchProperties {

    private static final Instant T0 = Instant.parse("2026-06-01T12:00:00Z");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    private static final PointCurrency TIER = PointCurrency.of("TQP", "Tier points", 0);
    private static final List<MemberId> MEMBERS = List.of(MemberId.of("ann"), MemberId.of("bob"));

    private static Ledger ledger() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC))
                .currency(PTS).currency(TIER).build();
        for (MemberId m : MEMBERS) {
            ledger.enrol(m, T0);
            ledger.earn(m, PTS.points(50), T0, IdempotencyKey.of("seed-" + m), "welcome");
        }
        return ledger;
    }

    /** One request: kind 0-9, member, amount. */
    record Spec(int kind, int member, int amount) {
    }

    @Provide
    Arbitrary<List<Spec>> batches() {
        return Combinators.combine(Arbitraries.integers().between(0, 9), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(1, 80)).as(Spec::new).list().ofMinSize(1).ofMaxSize(8);
    }

    private static List<PostingRequest> requests(List<Spec> specs, String prefix) {
        List<PostingRequest> out = new ArrayList<>();
        int n = 0;
        for (Spec s : specs) {
            MemberId m = MEMBERS.get(s.member());
            Instant at = T0.plusSeconds(10 + n);
            IdempotencyKey key = IdempotencyKey.of(prefix + (n++));
            switch (s.kind()) {
                case 0: case 1: case 2:
                    out.add(new PostingRequest.Earn(m, PTS.points(s.amount()), at, key, "order"));
                    break;
                case 3:
                    out.add(new PostingRequest.Earn(m, TIER.points(s.amount()), at, key, "order"));
                    break;
                case 4: case 5:
                    out.add(new PostingRequest.Redeem(m, PTS.points(s.amount()), at, key, "reward"));
                    break;
                case 6:
                    out.add(new PostingRequest.Transfer(m, MEMBERS.get(1 - s.member()), PTS.points(s.amount()), at, key,
                            "gift"));
                    break;
                case 7:
                    out.add(new PostingRequest.Reserve(m, PTS.points(s.amount()), Duration.ofHours(1), at, key, "till"));
                    break;
                case 8:
                    out.add(new PostingRequest.Reverse(m, IdempotencyKey.of("seed-" + m), PTS.points(s.amount()), at, key,
                            "return"));
                    break;
                default:
                    out.add(new PostingRequest.AdjustDebit(m, PTS.points(s.amount()), at, key, "correction"));
            }
        }
        return out;
    }

    /** Posts one request through the ledger's single operation. */
    private static Posting single(Ledger l, PostingRequest r) {
        if (r instanceof PostingRequest.Earn e) {
            return l.earn(e.member(), e.amount(), e.at(), e.key(), e.reason());
        } else if (r instanceof PostingRequest.Redeem e) {
            return l.redeem(e.member(), e.amount(), e.at(), e.key(), e.reason());
        } else if (r instanceof PostingRequest.Transfer e) {
            return l.transfer(e.from(), e.to(), e.amount(), e.at(), e.key(), e.reason());
        } else if (r instanceof PostingRequest.Reserve e) {
            return l.reserve(e.member(), e.amount(), e.ttl(), e.at(), e.key(), e.reason());
        } else if (r instanceof PostingRequest.Reverse e) {
            return l.reverse(e.member(), e.original(), e.amount(), e.at(), e.key(), e.reason());
        } else {
            PostingRequest.AdjustDebit e = (PostingRequest.AdjustDebit) r;
            return l.adjustDebit(e.member(), e.amount(), e.at(), e.key(), e.reason());
        }
    }

    private static Map<String, Object> snapshot(Ledger l) {
        Map<String, Object> all = new LinkedHashMap<>();
        for (MemberId m : MEMBERS) {
            for (PointCurrency c : List.of(PTS, TIER)) {
                all.put(m + "." + c.code() + ".balance", l.balance(m, c));
                all.put(m + "." + c.code() + ".lots", l.lots(m, c));
            }
            all.put(m + ".statement", l.statement(m));
        }
        return all;
    }

    @Property(tries = 400)
    void aBatchPostsWhatItsRequestsPostOneByOneOrNothing(@ForAll("batches") List<Spec> specs) {
        List<PostingRequest> batch = requests(specs, "k");
        Ledger oneByOne = ledger();
        Ledger linked = ledger();
        List<Posting> expected = new ArrayList<>();
        Class<?> failure = null;
        for (PostingRequest r : batch) {
            try {
                expected.add(single(oneByOne, r));
            } catch (LoyaltyException e) {
                failure = e.getClass();
                break;
            }
        }
        Map<String, Object> before = snapshot(linked);
        if (failure != null) {
            assertThatThrownBy(() -> linked.post(batch)).isInstanceOf(failure);
            assertThat(snapshot(linked)).isEqualTo(before);
            for (PostingRequest r : batch) {
                assertThat(linked.posting(r.key())).isEmpty();
            }
            return;
        }
        List<Posting> postings = linked.post(batch);
        assertThat(postings).isEqualTo(expected);
        assertThat(snapshot(linked)).isEqualTo(snapshot(oneByOne));
        // a retry of the whole batch returns the first postings and changes nothing
        Map<String, Object> after = snapshot(linked);
        assertThat(linked.post(batch)).isEqualTo(postings);
        assertThat(snapshot(linked)).isEqualTo(after);
    }

    @Example
    void aPurchaseAwardingTwoCurrenciesIsOneBatch() {
        Ledger ledger = ledger();
        MemberId ann = MEMBERS.get(0);
        List<Posting> postings = ledger.post(List.of(
                new PostingRequest.Earn(ann, PTS.points(120), T0.plusSeconds(5), IdempotencyKey.of("o-77/pts"), "order 77"),
                new PostingRequest.Earn(ann, TIER.points(12), T0.plusSeconds(5), IdempotencyKey.of("o-77/tqp"), "order 77")));
        assertThat(postings).extracting(Posting::currency).containsExactly("PTS", "TQP");
        assertThat(ledger.balance(ann, PTS).total()).isEqualTo(170);
        assertThat(ledger.balance(ann, TIER).total()).isEqualTo(12);
        assertThat(ledger.posting(IdempotencyKey.of("o-77/tqp"))).contains(postings.get(1));
    }

    @Example
    void aBatchWhoseKeyWasUsedByAnotherRequestIsRefusedWhole() {
        Ledger ledger = ledger();
        MemberId ann = MEMBERS.get(0);
        ledger.earn(ann, PTS.points(5), T0.plusSeconds(1), IdempotencyKey.of("used"), "order");
        Map<String, Object> before = snapshot(ledger);
        assertThatThrownBy(() -> ledger.post(List.of(
                new PostingRequest.Earn(ann, PTS.points(9), T0.plusSeconds(5), IdempotencyKey.of("new"), "order"),
                new PostingRequest.Earn(ann, PTS.points(5), T0.plusSeconds(1), IdempotencyKey.of("used"), "order"))))
                .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("used");
        assertThatThrownBy(() -> ledger.post(List.of(
                new PostingRequest.Earn(ann, PTS.points(9), T0.plusSeconds(5), IdempotencyKey.of("new"), "order"),
                new PostingRequest.Earn(ann, PTS.points(6), T0.plusSeconds(1), IdempotencyKey.of("used"), "order"))))
                .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("another amount");
        assertThat(snapshot(ledger)).isEqualTo(before);
        assertThat(ledger.posting(IdempotencyKey.of("new"))).isEmpty();
    }

    @Example
    void aBatchMustHoldOneToAHundredRequestsWithDistinctKeys() {
        Ledger ledger = ledger();
        MemberId ann = MEMBERS.get(0);
        PostingRequest one = new PostingRequest.Earn(ann, PTS.points(1), T0.plusSeconds(5), IdempotencyKey.of("x"), "o");
        assertThatThrownBy(() -> ledger.post(List.of())).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("got 0");
        assertThatThrownBy(() -> ledger.post(List.of(one, one))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("appears twice");
        List<PostingRequest> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(new PostingRequest.Earn(ann, PTS.points(1), T0.plusSeconds(5), IdempotencyKey.of("m" + i), "o"));
        }
        assertThatThrownBy(() -> ledger.post(many)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("got 101");
        assertThatThrownBy(() -> new PostingRequest.Earn(ann, null, T0, IdempotencyKey.of("x"), "o"))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("amount");
        assertThat(ledger.posting(IdempotencyKey.of("x"))).isEmpty();
    }

    @Example
    void aReservationCanBeCapturedInTheBatchThatMadeIt() {
        Ledger ledger = ledger();
        MemberId ann = MEMBERS.get(0);
        ledger.post(List.of(
                new PostingRequest.Reserve(ann, PTS.points(20), Duration.ofMinutes(5), T0.plusSeconds(5),
                        IdempotencyKey.of("hold"), "till"),
                new PostingRequest.Capture(ann, IdempotencyKey.of("hold"), T0.plusSeconds(6), IdempotencyKey.of("take"))));
        assertThat(ledger.balance(ann, PTS).total()).isEqualTo(30);
        assertThat(ledger.reservation(ann, IdempotencyKey.of("hold")).orElseThrow().status())
                .isEqualTo(ReservationStatus.CAPTURED);
    }
}
