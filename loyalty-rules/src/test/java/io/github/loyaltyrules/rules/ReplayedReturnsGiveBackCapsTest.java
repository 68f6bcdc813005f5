package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.MemberReplay;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.ReplayOptions;
import io.github.loyaltyrules.program.ReplayOrder;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A replayed return gives back to the candidate's own counters what the candidate's purchase drew, as a
 * return does live: a candidate with a monthly cap per member, replayed over a month in which a capped
 * purchase was returned before the next one, awards that next one what running the candidate live did.
 */
class ReplayedReturnsGiveBackCapsTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final MemberId BOB = MemberId.of("bob");

    private static Instant at(int day, int hour) {
        return LocalDateTime.of(2024, 6, day, hour, 0).atZone(Fixtures.ZONE).toInstant();
    }

    /** 2 stars per 1.00, at most 100 a month per member, on counters of its own. */
    private static ProgramVersion capped() {
        return ProgramVersion.of("capped", RuleSet.builder(STARS).quotas(Quotas.inMemory())
                .rule("base", r -> r.name("2 stars per 1.00").capPerMember("STARS", 100, CapPeriod.MONTH)
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .build(), List.of());
    }

    private static ProgramVersion uncapped() {
        return ProgramVersion.of("v1", RuleSet.builder(STARS).rule("base", r -> r.name("1 star per 1.00")
                .award(Actions.perUnitSpent(stars(1), eur("1.00")))).build(), List.of());
    }

    /** The month; returns what each member's purchases earned in it, and their returns clawed back ("-" + id). */
    private static Map<String, Long> month(LoyaltyProgram p) {
        p.enrol(ANN, at(1, 9));
        p.enrol(BOB, at(1, 9));
        Map<String, Long> earned = new HashMap<>();
        buy(p, earned, ANN, "a-1", 3, Fixtures.basket().coffee(1, "40.00").build()); // capped: 80
        buy(p, earned, BOB, "b-1", 3, Fixtures.basket().coffee(2, "30.00").build()); // capped: 100 of 120
        earned.put("-ann", p.returnPurchase(ANN, IdempotencyKey.of("a-1"), Map.of("L1", 1L), at(4, 12),
                IdempotencyKey.of("a-1-back")).total("STARS"));
        earned.put("-bob", p.returnPurchase(BOB, IdempotencyKey.of("b-1"), Map.of("L1", 1L), at(4, 12),
                IdempotencyKey.of("b-1-back")).total("STARS")); // half of it
        buy(p, earned, ANN, "a-2", 5, Fixtures.basket().coffee(1, "45.00").build()); // 90 only if the cap was given back
        buy(p, earned, BOB, "b-2", 5, Fixtures.basket().coffee(1, "30.00").build());
        return earned;
    }

    private static void buy(LoyaltyProgram p, Map<String, Long> earned, MemberId m, String key, int day,
            Purchase basket) {
        earned.merge(m.value(), p.purchase(m, basket, at(day, 12), IdempotencyKey.of(key)).total("STARS"), Long::sum);
    }

    private static LoyaltyProgram program(ProgramVersion v) {
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(at(30, 12), Fixtures.ZONE))
                .currency(STARS).build();
        return LoyaltyProgram.of(ledger, v, TierLookup.NONE);
    }

    @Test
    void theCandidatesCapsAreGivenBackByReplayedReturnsAsLive() {
        LoyaltyProgram recorded = program(uncapped());
        month(recorded);
        Map<String, Long> live = month(program(capped()));
        // ann: 80, all returned, then 90 of a cap given back in full; bob: 100 of 120, half returned, then 50
        assertThat(live).containsEntry("ann", 80L + 90L).containsEntry("-ann", 80L)
                .containsEntry("bob", 100L + 50L).containsEntry("-bob", 50L);
        for (ReplayOrder order : ReplayOrder.values()) {
            Map<MemberId, MemberReplay> parts = new HashMap<>();
            recorded.replay(capped(), at(1, 0), at(30, 0), ReplayOptions.builder().order(order).build(),
                    one -> parts.put(one.member(), one), ProgressListener.NONE);
            for (MemberId m : List.of(ANN, BOB)) {
                assertThat(parts.get(m).wouldAward()).as(m + " " + order).containsEntry("STARS", live.get(m.value()));
                assertThat(parts.get(m).wouldLiability().get("STARS").returned()).as(m + " " + order)
                        .isEqualTo(live.get("-" + m.value()));
            }
        }
    }
}
