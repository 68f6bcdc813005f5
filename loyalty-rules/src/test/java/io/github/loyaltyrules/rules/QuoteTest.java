package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Quotas;
import io.github.loyaltyrules.rule.RuleContext;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/**
 * A quote is the receipt the purchase made next would produce (version, member, caps and budgets as
 * they stand, cuts included) and changes nothing: no record, no count, no posting, no draw.
 */
class QuoteTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final Campaign SUMMER = Campaign.of("summer", "Summer", Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2025-01-01T00:00:00Z"));

    private Quotas quotas = Quotas.inMemory();
    private ProgramStore store = InMemoryProgramStore.create();

    private static Instant at(int month, int day) {
        return LocalDateTime.of(2024, month, day, 12, 0).atZone(Fixtures.ZONE).toInstant();
    }

    /** 2 stars per 1.00 at most 100 a day; a summer bonus of 30 from a budget of {@code budget}; +20 on a first purchase. */
    private LoyaltyProgram program(long budget) {
        quotas = Quotas.inMemory();
        store = InMemoryProgramStore.create();
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).campaign(SUMMER.withBudget("STARS", budget))
                .rule("base", r -> r.name("2 stars per 1.00").capPerMember("STARS", 100, CapPeriod.DAY)
                        .award(Actions.perUnitSpent(stars(2), eur("1.00"))))
                .rule("summer", r -> r.name("Summer bonus").campaign("summer").award(Actions.fixed(stars(30))))
                .rule("welcome", r -> r.name("First purchase").when(ctx -> ctx.member().purchasesSoFar() == 0)
                        .award(Actions.fixed(stars(20))))
                .build();
        Ledger ledger = Ledger.builder().zone(Fixtures.ZONE).clock(Clock.fixed(at(12, 31), Fixtures.ZONE))
                .currency(STARS).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, ProgramVersion.of("v1", rules, List.of()), TierLookup.NONE,
                store);
        program.enrol(ANN, at(1, 1));
        return program;
    }

    private static Purchase basket(String... prices) {
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            lines.add(BasketLine.of("L" + (i + 1), "SKU" + i, "coffee", 1, Money.of(prices[i], "EUR")));
        }
        return Purchase.of("s1", "pos", lines);
    }

    /** What a quote must leave as it was. */
    private String state(LoyaltyProgram p) {
        return quotas.used("budget/summer/STARS") + " " + quotas.used("cap/base/STARS/ann/2024-06-03") + " "
                + store.member(ANN) + " " + p.ledger().statement(ANN);
    }

    @Test
    void aQuoteIsTheReceiptOfThePurchaseThatFollowsAndChangesNothing() {
        LoyaltyProgram program = program(50);
        Purchase basket = basket("30.00", "12.50");
        String before = state(program);

        Receipt quote = program.quote(ANN, basket, at(6, 3), IdempotencyKey.of("o-1")).receipt();
        assertThat(state(program)).isEqualTo(before);
        assertThat(program.receipt(IdempotencyKey.of("o-1"))).isEmpty();
        assertThat(quote.postings()).isEmpty();
        assertThat(quote.total("STARS")).isEqualTo(84 + 30 + 20);

        Receipt bought = program.purchase(ANN, basket, at(6, 3), IdempotencyKey.of("o-1"));
        assertThat(bought.awards()).isEqualTo(quote.awards());
        assertThat(bought.programVersion()).isEqualTo(quote.programVersion());
    }

    @Test
    void aQuoteShowsWhatTheCapAndTheBudgetLeaveAndNoWelcomeBonusTheSecondTime() {
        LoyaltyProgram program = program(50);
        program.purchase(ANN, basket("40.00"), at(6, 3), IdempotencyKey.of("o-1")); // 80 of the 100 cap, 30 of 50
        Receipt quote = program.quote(ANN, basket("30.00"), at(6, 3), IdempotencyKey.of("o-2")).receipt();
        assertThat(quote.awards()).extracting(a -> a.ruleId() + " " + a.amount() + " " + a.explanation().cap())
                .containsExactly("base 20 capped at 100 STARS per day (was 60 STARS)",
                        "summer 20 cut to 20 STARS by the remaining budget of campaign 'Summer'");
        Receipt bought = program.purchase(ANN, basket("30.00"), at(6, 3), IdempotencyKey.of("o-2"));
        assertThat(bought.awards()).isEqualTo(quote.awards());
    }

    @Test
    void aQuoteUnderTheKeyOfAnEvaluationThatDrewCountsItsDrawsAsItsOwn() {
        RuleSet rules = RuleSet.builder(STARS).quotas(quotas).campaign(SUMMER.withBudget("STARS", 40))
                .rule("summer", r -> r.campaign("summer").award(Actions.fixed(stars(30)))).build();
        RuleContext c = Fixtures.purchaseContext(basket("1.00"), "retried");
        assertThat(rules.evaluate(c).total("STARS")).isEqualTo(30); // e.g. a purchase whose store write failed
        assertThat(rules.quote(c).total("STARS")).isEqualTo(30); // not 10: its own draw is still there for it
        assertThat(rules.quote(Fixtures.fresh(c)).total("STARS")).isEqualTo(10);
        assertThat(quotas.used("budget/summer/STARS")).isEqualTo(30);
    }

    @Property(tries = 200)
    void everyQuoteEqualsThePurchaseMadeRightAfterIt(
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 6000) Integer> cents,
            @ForAll @IntRange(min = 1, max = 200) int budget) {
        LoyaltyProgram program = program(budget);
        for (int i = 0; i < cents.size(); i++) {
            Purchase basket = basket(java.math.BigDecimal.valueOf(cents.get(i), 2).toPlainString());
            Instant when = at(6, 3 + i % 2);
            IdempotencyKey key = IdempotencyKey.of("o-" + i);
            String before = state(program);
            Receipt quote = program.quote(ANN, basket, when, key).receipt();
            assertThat(state(program)).isEqualTo(before);
            assertThat(program.purchase(ANN, basket, when, key).awards()).isEqualTo(quote.awards());
        }
    }
}
