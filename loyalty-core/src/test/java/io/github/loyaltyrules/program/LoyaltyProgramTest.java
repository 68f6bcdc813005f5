package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.AccountStatusException;
import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.UnknownPostingException;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The facade: purchases post explained awards, retries are idempotent, returns claw back exactly. */
class LoyaltyProgramTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final Instant T0 = Instant.parse("2026-04-07T09:30:00Z");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency TQP = PointCurrency.of("TQP", "Tier points", 0);
    static final MemberId ANN = MemberId.of("ann");

    /** A hand-written engine: 1 PTS per whole euro of each line (floor), and 1 TQP per line; 10 PTS on review events. */
    static final RuleEngine PER_EURO = ctx -> {
        if (ctx.activity() instanceof MemberEvent) {
            return new Evaluation(List.of(new Award("review", "Review bonus", "PTS", 10, Map.of(), Explanation.fixed())));
        }
        Purchase p = (Purchase) ctx.activity();
        Map<String, Long> pts = new LinkedHashMap<>();
        Map<String, Long> tqp = new LinkedHashMap<>();
        for (BasketLine line : p.lines()) {
            pts.put(line.lineId(), line.amount().amount().setScale(0, RoundingMode.FLOOR).longValueExact());
            tqp.put(line.lineId(), 1L);
        }
        List<Award> awards = new ArrayList<>();
        long sum = pts.values().stream().mapToLong(Long::longValue).sum();
        if (sum > 0) {
            awards.add(new Award("base", "Base points", "PTS", sum, pts,
                    new Explanation(p.total().toString(), "1 pt per 1.00", "", "floor per line", "")));
        }
        awards.add(new Award("tqp", "Tier points", "TQP", tqp.size(), tqp, Explanation.fixed()));
        return new Evaluation(awards);
    };

    static Purchase basket() {
        return Purchase.of("store-1", "pos", List.of(
                BasketLine.of("1", "LATTE", "coffee", 3, Money.of("3.40", "EUR")),
                BasketLine.of("2", "BEANS", "beans", 1, Money.of("12.99", "EUR"))));
    }

    static LoyaltyProgram program() {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0.plusSeconds(86_400 * 30), ZONE))
                .currency(PTS).currency(TQP).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", PER_EURO,
                List.of(Reward.of("cup", "Free coffee", PTS.points(15)).limitPerMember(1))), TierLookup.NONE);
        program.enrol(ANN, T0.minusSeconds(3600));
        return program;
    }

    static long balance(LoyaltyProgram p, PointCurrency c) {
        return p.ledger().balance(ANN, c).total();
    }

    @Test
    void aBuiltProgramKeepsItsStateInTheStoreAndItsTiersInTheEngineItWasGiven() {
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0.plusSeconds(86_400), ZONE)).currency(PTS)
                .currency(TQP).build();
        io.github.loyaltyrules.tier.Metric points = io.github.loyaltyrules.tier.Metric.points(PTS);
        io.github.loyaltyrules.tier.TierEngine engine = io.github.loyaltyrules.tier.TierEngine.of(
                io.github.loyaltyrules.tier.TierLadder.builder().zone(ZONE)
                        .window(io.github.loyaltyrules.tier.QualificationWindow.calendarYear()).metrics(points)
                        .tier(io.github.loyaltyrules.tier.Tier.of("Member"))
                        .tier(io.github.loyaltyrules.tier.Tier.of("Gold").withThreshold(points, new java.math.BigDecimal("5")))
                        .build());
        io.github.loyaltyrules.program.spi.ProgramStore store = io.github.loyaltyrules.program.spi.InMemoryProgramStore.create();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", PER_EURO, List.of()))
                .tiers(TierLookup.NONE).tierEngine(engine).store(store).build();
        program.enrol(ANN, T0);
        program.purchase(ANN, basket(), T0.plusSeconds(60), IdempotencyKey.of("o-1"));
        assertThat(store.receipt(IdempotencyKey.of("o-1"))).isPresent();
        assertThat(program.tierEngine()).contains(engine);
        assertThat(engine.tierOf(ANN, T0.plusSeconds(120))).contains("Gold");
        assertThat(program.store()).isSameAs(store);
        assertThatThrownBy(() -> LoyaltyProgram.builder(null, ProgramVersion.of("v1", PER_EURO, List.of())))
                .isInstanceOf(NullPointerException.class).hasMessage("ledger must not be null");
        assertThatThrownBy(() -> LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", PER_EURO, List.of())).store(null))
                .isInstanceOf(NullPointerException.class).hasMessage("program store must not be null");
    }

    @Test
    void enrollingAgainAtTheSameTimeIsARetryAndAtAnotherTimeIsRefused() {
        LoyaltyProgram program = program(); // ann is enrolled at T0
        MemberId bob = MemberId.of("bob");
        io.github.loyaltyrules.ledger.Account first = program.enrol(bob, T0);
        assertThat(program.enrol(bob, T0)).isEqualTo(first); // e.g. the first reply was lost
        assertThatThrownBy(() -> program.enrol(bob, T0.plusSeconds(1)))
                .isInstanceOf(io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException.class)
                .hasMessageContaining("already enrolled");
        assertThat(program.ledger().account(bob)).isEqualTo(first);
    }

    @Test
    void purchasePostsEachCurrencyWithItsExplanationAndNamesTheVersion() {
        LoyaltyProgram program = program();
        Receipt receipt = program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        assertThat(receipt.programVersion()).isEqualTo("v1");
        assertThat(receipt.total("PTS")).isEqualTo(10 + 12);
        assertThat(receipt.total("TQP")).isEqualTo(2);
        assertThat(receipt.postings()).hasSize(2);
        assertThat(balance(program, PTS)).isEqualTo(22);
        assertThat(balance(program, TQP)).isEqualTo(2);
        assertThat(receipt.render()).isEqualTo(
                "+22 PTS: Base points (1 pt per 1.00 on 23.19 EUR; floor per line)\n+2 TQP: Tier points");
    }

    @Test
    void eachPostingNamesTheActivityKeyAndTheRulesThatAwardedItsCurrency() {
        LoyaltyProgram program = program();
        Receipt receipt = program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));

        assertThat(receipt.postings()).extracting(p -> p.reason()).containsExactly(
                "purchase order-1: " + names(receipt, "PTS"), "purchase order-1: " + names(receipt, "TQP"));
        assertThat(receipt.postings()).extracting(p -> p.key().value()).containsExactly("order-1#PTS", "order-1#TQP");
    }

    private static String names(Receipt receipt, String currency) {
        return receipt.awards().stream().filter(a -> a.currency().equals(currency))
                .map(io.github.loyaltyrules.rule.Award::ruleName).collect(java.util.stream.Collectors.joining(", "));
    }

    @Test
    void retriedPurchaseReturnsTheFirstReceiptAndPostsNothingTwice() {
        LoyaltyProgram program = program();
        Receipt first = program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        Receipt again = program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        assertThat(again).isEqualTo(first);
        assertThat(balance(program, PTS)).isEqualTo(22);
        assertThatThrownBy(() -> program.purchase(ANN, basket(), T0.plusSeconds(1), IdempotencyKey.of("order-1")))
                .isInstanceOf(IdempotencyConflictException.class).hasMessageContaining("order-1");
        assertThat(balance(program, PTS)).isEqualTo(22);
    }

    @Test
    void returningEveryUnitInSeveralReturnsClawsBackExactlyWhatTheLineEarned() {
        LoyaltyProgram program = program();
        program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        IdempotencyKey order = IdempotencyKey.of("order-1");
        Receipt one = program.returnPurchase(ANN, order, Map.of("1", 1L), T0.plusSeconds(60), IdempotencyKey.of("ret-1"));
        assertThat(one.total("PTS")).isEqualTo(3); // floor(10 * 1 / 3)
        assertThat(one.render()).startsWith("-3 PTS: Base points");
        Receipt two = program.returnPurchase(ANN, order, Map.of("1", 2L), T0.plusSeconds(120), IdempotencyKey.of("ret-2"));
        assertThat(two.total("PTS")).isEqualTo(7); // 10 - 3
        assertThat(two.total("TQP")).isEqualTo(1);
        assertThat(balance(program, PTS)).isEqualTo(12);
        assertThat(balance(program, TQP)).isEqualTo(1);
        assertThatThrownBy(() -> program.returnPurchase(ANN, order, Map.of("1", 1L), T0.plusSeconds(180),
                IdempotencyKey.of("ret-3"))).isInstanceOf(InvalidReversalException.class)
                .hasMessageContaining("0 of 3 units left");
        assertThat(balance(program, PTS)).isEqualTo(12);
    }

    @Test
    void returnOfWhatWasAlreadySpentBecomesDebt() {
        LoyaltyProgram program = program();
        program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        program.redeem(ANN, PTS.points(20), T0.plusSeconds(10), IdempotencyKey.of("spend"), "voucher");
        program.returnPurchase(ANN, IdempotencyKey.of("order-1"), Map.of("1", 3L, "2", 1L), T0.plusSeconds(60),
                IdempotencyKey.of("ret"));
        assertThat(balance(program, PTS)).isZero();
        assertThat(program.ledger().balance(ANN, PTS).debt()).isEqualTo(20);
    }

    @Test
    void aReturnNamingAnUnknownPurchaseOrLineChangesNothing() {
        LoyaltyProgram program = program();
        program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        assertThatThrownBy(() -> program.returnPurchase(ANN, IdempotencyKey.of("nope"), Map.of("1", 1L), T0,
                IdempotencyKey.of("r"))).isInstanceOf(UnknownPostingException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> program.returnPurchase(ANN, IdempotencyKey.of("order-1"), Map.of("9", 1L), T0,
                IdempotencyKey.of("r"))).hasMessageContaining("has no line '9'");
        assertThat(balance(program, PTS)).isEqualTo(22);
        assertThat(program.receipt(IdempotencyKey.of("r"))).isEmpty();
    }

    @Test
    void swappingTheVersionAppliesToLaterCallsAndReceiptsNameIt() {
        LoyaltyProgram program = program();
        RuleEngine nothing = ctx -> Evaluation.NOTHING;
        ProgramVersion old = program.install(ProgramVersion.of("v2", nothing, List.of()));
        assertThat(old.id()).isEqualTo("v1");
        Receipt receipt = program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-2"));
        assertThat(receipt.programVersion()).isEqualTo("v2");
        assertThat(receipt.awards()).isEmpty();
        assertThat(receipt.render()).isEqualTo("no points");
    }

    @Test
    void eventsAreRewardedByTheEngine() {
        LoyaltyProgram program = program();
        Receipt r = program.event(ANN, new MemberEvent("review", Map.of("product", "BEANS")), T0,
                IdempotencyKey.of("review-1"));
        assertThat(r.total("PTS")).isEqualTo(10);
    }

    @Test
    void rewardsRespectTheirLimitWindowAndTiers() {
        LoyaltyProgram program = program();
        program.purchase(ANN, basket(), T0, IdempotencyKey.of("order-1"));
        program.redeemReward(ANN, "cup", T0.plusSeconds(1), IdempotencyKey.of("cup-1"));
        assertThat(program.redeemReward(ANN, "cup", T0.plusSeconds(1), IdempotencyKey.of("cup-1")).amount())
                .as("a retried reward redemption is not a second one").isEqualTo(15);
        assertThatThrownBy(() -> program.redeemReward(ANN, "cup", T0.plusSeconds(2), IdempotencyKey.of("cup-2")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("limit is 1");
        assertThat(balance(program, PTS)).isEqualTo(7);

        Reward gold = Reward.of("lounge", "Lounge", PTS.points(1)).forTiers(Set.of("Gold"))
                .availableBetween(T0, T0.plusSeconds(3600));
        program.install(ProgramVersion.of("v2", PER_EURO, List.of(gold)));
        assertThatThrownBy(() -> program.redeemReward(ANN, "lounge", T0.plusSeconds(5), IdempotencyKey.of("l-1")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("for tiers [Gold]");
        assertThatThrownBy(() -> program.redeemReward(ANN, "cup", T0.plusSeconds(5), IdempotencyKey.of("c-3")))
                .isInstanceOf(RewardNotAvailableException.class).hasMessageContaining("no reward 'cup'");
        assertThat(balance(program, PTS)).isEqualTo(7);
    }

    @Test
    void tierLookupFeedsRulesAndRewards() {
        Ledger ledger = Ledger.builder().zone(ZONE).currency(PTS).build();
        RuleEngine tierAware = ctx -> new Evaluation(List.of(new Award("t", "Tier " + ctx.member().tier(), "PTS",
                ctx.member().currentTier().map(t -> 5L).orElse(1L), Map.of(), Explanation.fixed())));
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", tierAware,
                List.of(Reward.of("lounge", "Lounge", PTS.points(5)).forTiers(Set.of("Gold")))),
                (m, at) -> Optional.of("Gold"));
        program.enrol(ANN, T0);
        assertThat(program.purchase(ANN, basket(), T0, IdempotencyKey.of("o")).total("PTS")).isEqualTo(5);
        assertThat(program.redeemReward(ANN, "lounge", T0, IdempotencyKey.of("l")).amount()).isEqualTo(5);
    }

    @Test
    void unknownMembersAndInactiveAccountsAreRejected() {
        LoyaltyProgram program = program();
        assertThatThrownBy(() -> program.purchase(MemberId.of("ghost"), basket(), T0, IdempotencyKey.of("o")))
                .isInstanceOf(UnknownMemberException.class).hasMessageContaining("ghost");
        program.ledger().suspend(ANN, T0, "fraud check");
        assertThatThrownBy(() -> program.purchase(ANN, basket(), T0, IdempotencyKey.of("o")))
                .isInstanceOf(AccountStatusException.class).hasMessageContaining("SUSPENDED");
        assertThat(program.receipt(IdempotencyKey.of("o"))).isEmpty();
        assertThat(program.ledger().statement(ANN)).isEmpty();
    }

    @Test
    void awardsWithoutLineSharesAreClawedBackByLineAmount() {
        Ledger ledger = Ledger.builder().zone(ZONE).currency(PTS).build();
        RuleEngine flat = ctx -> new Evaluation(List.of(new Award("flat", "Flat bonus", "PTS", 100, Map.of(),
                Explanation.fixed())));
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", flat, List.of()), TierLookup.NONE);
        program.enrol(ANN, T0);
        program.purchase(ANN, basket(), T0, IdempotencyKey.of("o"));
        // Line 1 is 10.20 of 23.19 EUR: 43.98... -> 43 by floor, plus 1 by largest remainder = 44.
        Receipt r = program.returnPurchase(ANN, IdempotencyKey.of("o"), Map.of("1", 3L), T0, IdempotencyKey.of("r"));
        assertThat(r.total("PTS")).isEqualTo(44);
    }
}
