package io.github.loyaltyrules.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.engagement.Challenge.ReturnPolicy;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.UnknownCurrencyException;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Challenges as a program's terms state them, through the facade. */
class ChallengeTermsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/London");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final MemberId ANN = MemberId.of("ann");
    static final Instant DEC_1 = Instant.parse("2026-12-01T10:00:00Z");

    final Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ZONE)).currency(PTS).build();

    LoyaltyProgram program(Challenge... challenges) {
        LoyaltyProgram p = LoyaltyProgram.builder(ledger,
                ProgramVersion.of("v1", ctx -> Evaluation.NOTHING, List.of()).withChallenges(challenges)).build();
        p.enrol(ANN, DEC_1.minusSeconds(3600));
        return p;
    }

    static Purchase basket(String store, String category, long qty, String price) {
        return Purchase.of(store, "pos", List.of(BasketLine.of("1", "SKU-" + category, category, qty, Money.of(price, "GBP"))));
    }

    static Instant day(int n) {
        return DEC_1.plusSeconds(86_400L * n);
    }

    long points() {
        return ledger.balance(ANN, PTS).total();
    }

    static final Challenge FIVE_VISITS = Challenge.of("five-visits", "Shop 5 times this month for 200 bonus points",
            ChallengeGoal.purchases(5), ChallengeWindow.MONTH, "PTS", 200);

    @Test
    void shopFiveTimesThisMonthForTwoHundredBonusPoints() {
        LoyaltyProgram program = program(FIVE_VISITS);
        for (int i = 0; i < 4; i++) {
            program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(i), IdempotencyKey.of("p" + i));
        }
        assertThat(program.challengeProgress(ANN, "five-visits", day(4)).toString()).isEqualTo("4 of 5");
        assertThat(points()).isZero();
        program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(4), IdempotencyKey.of("p4"));
        assertThat(program.challengeProgress(ANN, "five-visits", day(4)).rewarded()).isEqualTo(1);
        assertThat(points()).isEqualTo(200);
        program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(5), IdempotencyKey.of("p5"));
        assertThat(points()).as("once per window").isEqualTo(200);
        assertThat(program.challengeProgress(ANN, "five-visits", day(5)).toString()).isEqualTo("6 of 5");
        assertThat(program.challengeProgress(ANN, "five-visits", day(31)).toString()).as("January starts again")
                .isEqualTo("0 of 5");
    }

    @Test
    void aRetryWithTheSameKeyCountsOnce() {
        LoyaltyProgram program = program(FIVE_VISITS);
        for (int i = 0; i < 3; i++) {
            program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(1), IdempotencyKey.of("same"));
        }
        assertThat(program.challengeProgress(ANN, "five-visits", day(1)).value()).isEqualTo(1);
    }

    @Test
    void aReturnThatUndoesTheFifthVisitTakesTheRewardBackWhenTheProgramSaysSo() {
        LoyaltyProgram program = program(FIVE_VISITS);
        for (int i = 0; i < 5; i++) {
            program.purchase(ANN, basket("s1", "food", 2, "3.00"), day(i), IdempotencyKey.of("p" + i));
        }
        assertThat(points()).isEqualTo(200);
        program.returnPurchase(ANN, IdempotencyKey.of("p2"), Map.of("1", 1L), day(6), IdempotencyKey.of("r1"));
        assertThat(points()).as("one of two units kept: still a visit").isEqualTo(200);
        program.returnPurchase(ANN, IdempotencyKey.of("p2"), Map.of("1", 1L), day(6), IdempotencyKey.of("r2"));
        assertThat(program.challengeProgress(ANN, "five-visits", day(6)).toString()).isEqualTo("4 of 5");
        assertThat(points()).isZero();
        program.returnPurchase(ANN, IdempotencyKey.of("p2"), Map.of("1", 1L), day(6), IdempotencyKey.of("r2"));
        assertThat(points()).as("the return retried").isZero();
        program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(7), IdempotencyKey.of("p9"));
        assertThat(points()).as("met again, earned again").isEqualTo(200);
    }

    @Test
    void aReturnKeepsTheRewardWhenTheProgramSaysSo() {
        LoyaltyProgram program = program(FIVE_VISITS.withReturnPolicy(ReturnPolicy.KEEP));
        for (int i = 0; i < 5; i++) {
            program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(i), IdempotencyKey.of("p" + i));
        }
        program.returnPurchase(ANN, IdempotencyKey.of("p0"), Map.of("1", 1L), day(6), IdempotencyKey.of("r1"));
        assertThat(program.challengeProgress(ANN, "five-visits", day(6)).toString()).isEqualTo("4 of 5");
        assertThat(points()).isEqualTo(200);
        program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(7), IdempotencyKey.of("p9"));
        assertThat(points()).as("not earned a second time").isEqualTo(200);
    }

    @Test
    void spendFiveHundredInAQuarterRepeatedly() {
        LoyaltyProgram program = program(Challenge.of("big-spender", "Spend 500.00 in a quarter",
                ChallengeGoal.spend(Money.of("500.00", "GBP")), ChallengeWindow.QUARTER, "PTS", 1000).withRepeatable(true));
        program.purchase(ANN, basket("s1", "tv", 1, "499.99"), day(1), IdempotencyKey.of("tv"));
        assertThat(program.challengeProgress(ANN, "big-spender", day(1)).toString()).isEqualTo("49999 of 50000");
        program.purchase(ANN, basket("s1", "tv", 1, "1000.01"), day(2), IdempotencyKey.of("tv2"));
        assertThat(points()).as("three times 500.00").isEqualTo(3000);
        program.returnPurchase(ANN, IdempotencyKey.of("tv"), Map.of("1", 1L), day(3), IdempotencyKey.of("back"));
        assertThat(points()).as("1000.01 left: twice").isEqualTo(2000);
        assertThat(program.challengeProgress(ANN, "big-spender", day(3)).rewarded()).isEqualTo(2);
    }

    @Test
    void aCoffeeCategoryCountsOnlyCoffeeItems() {
        LoyaltyProgram program = program(Challenge.of("coffee", "Three coffees a week",
                ChallengeGoal.items(3).inCategory("coffee"), ChallengeWindow.WEEK, "PTS", 100));
        program.purchase(ANN, Purchase.of("s1", "pos", List.of(BasketLine.of("1", "LATTE", "coffee", 2, Money.of("3.00", "GBP")),
                BasketLine.of("2", "BUN", "bakery", 5, Money.of("1.00", "GBP")))), day(0), IdempotencyKey.of("a"));
        assertThat(program.challengeProgress(ANN, "coffee", day(0)).toString()).isEqualTo("2 of 3");
        program.purchase(ANN, basket("s1", "coffee", 1, "3.00"), day(1), IdempotencyKey.of("b"));
        assertThat(points()).isEqualTo(100);
    }

    @Test
    void visitThreeDistinctStores() {
        LoyaltyProgram program = program(Challenge.of("explorer", "Visit 3 of our stores this month",
                ChallengeGoal.distinctStores(3), ChallengeWindow.MONTH, "PTS", 300));
        program.purchase(ANN, basket("north", "food", 1, "1.00"), day(0), IdempotencyKey.of("a"));
        program.purchase(ANN, basket("north", "food", 1, "1.00"), day(1), IdempotencyKey.of("b"));
        program.purchase(ANN, basket("south", "food", 1, "1.00"), day(2), IdempotencyKey.of("c"));
        assertThat(program.challengeProgress(ANN, "explorer", day(2)).toString()).isEqualTo("2 of 3");
        program.returnPurchase(ANN, IdempotencyKey.of("a"), Map.of("1", 1L), day(3), IdempotencyKey.of("ra"));
        assertThat(program.challengeProgress(ANN, "explorer", day(3)).toString()).as("north still visited by b")
                .isEqualTo("2 of 3");
        program.purchase(ANN, basket("west", "food", 1, "1.00"), day(4), IdempotencyKey.of("d"));
        assertThat(points()).isEqualTo(300);
    }

    @Test
    void exportAndErasureCoverChallengeProgress() {
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", ctx -> Evaluation.NOTHING,
                List.of()).withChallenges(FIVE_VISITS)).pseudonyms(io.github.loyaltyrules.program.Pseudonyms.keyed(
                        "a secret of at least thirty-two bytes!!".getBytes(java.nio.charset.StandardCharsets.UTF_8))).build();
        program.enrol(ANN, DEC_1.minusSeconds(3600));
        program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(1), IdempotencyKey.of("p"));
        assertThat(program.export(ANN).replaceAll("\\s", "")).contains(
                "\"challenges\":[{\"challenge\":\"five-visits\",\"window\":\"2026-12-01\",\"value\":1");
        MemberId pseudonym = program.erase(ANN);
        assertThat(program.challengeStore().progressOf(ANN)).isEmpty();
        assertThat(program.challengeStore().progressOf(pseudonym)).hasSize(1);
    }

    @Test
    void badDefinitionsAreRefusedWithTheLibrarysException() {
        assertThatThrownBy(() -> ChallengeGoal.purchases(0)).isInstanceOf(ChallengeException.class)
                .hasMessageContaining("goal must be positive; got 0");
        assertThatThrownBy(() -> ChallengeGoal.items(-3)).isInstanceOf(ChallengeException.class);
        assertThatThrownBy(() -> ChallengeGoal.spend(Money.of("0.00", "GBP"))).isInstanceOf(ChallengeException.class);
        assertThatThrownBy(() -> Challenge.of("x".repeat(10_000), "n", ChallengeGoal.purchases(1), ChallengeWindow.WEEK,
                "PTS", 1)).isInstanceOf(ChallengeException.class).hasMessageContaining("challenge id must be 1 to 64");
        assertThatThrownBy(() -> Challenge.of("ok", "n".repeat(10_000), ChallengeGoal.purchases(1), ChallengeWindow.WEEK,
                "PTS", 1)).isInstanceOf(ChallengeException.class).hasMessageContaining("10000 characters");
        assertThatThrownBy(() -> Challenge.of("ok", "n", ChallengeGoal.purchases(1), ChallengeWindow.WEEK, "PTS", 0))
                .isInstanceOf(ChallengeException.class).hasMessageContaining("must be positive; got 0");
        assertThatThrownBy(() -> program(Challenge.of("ok", "n", ChallengeGoal.purchases(1), ChallengeWindow.WEEK,
                "MILES", 5))).isInstanceOf(UnknownCurrencyException.class);
    }

    @Test
    void aVersionWhoseChallengeRewardsAnUnknownCurrencyIsNotInstalled() {
        LoyaltyProgram program = program(FIVE_VISITS);
        ProgramVersion miles = ProgramVersion.of("v2", ctx -> Evaluation.NOTHING, List.of()).withChallenges(
                Challenge.of("ok", "n", ChallengeGoal.purchases(1), ChallengeWindow.WEEK, "MILES", 5));
        assertThatThrownBy(() -> program.install(miles)).isInstanceOf(UnknownCurrencyException.class);
        assertThat(program.version().id()).isEqualTo("v1");
        assertThat(program.version("v2")).isEmpty();
        assertThatThrownBy(() -> ProgramVersion.of("v3", ctx -> Evaluation.NOTHING, List.of())
                .withChallenges(FIVE_VISITS, null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void anUnknownChallengeIsNotFoundAndChangesNothing() {
        LoyaltyProgram program = program(FIVE_VISITS);
        program.purchase(ANN, basket("s1", "food", 1, "3.00"), day(1), IdempotencyKey.of("p"));
        assertThatThrownBy(() -> program.challengeProgress(ANN, "five-visit", day(1)))
                .isInstanceOf(ChallengeException.class).hasMessageContaining("no challenge five-visit;")
                .extracting(e -> ((LoyaltyException) e).reason()).isEqualTo(LoyaltyException.Reason.NOT_FOUND);
        assertThatThrownBy(() -> program.challengeProgress(null, "five-visits", day(1)))
                .isInstanceOf(NullPointerException.class);
        assertThat(program.challengeProgress(ANN, day(1))).extracting(Object::toString).containsExactly("1 of 5");
    }

    @Test
    void aReturnAfterACrashThatTheCallerNeverRetriedCountsThePurchaseAndPostsItsReward() {
        io.github.loyaltyrules.engagement.contract.ChallengeModelCheck.Crashing store = new io.github.loyaltyrules.engagement.contract.ChallengeModelCheck.Crashing(
                io.github.loyaltyrules.engagement.spi.InMemoryChallengeStore.create());
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", ctx -> Evaluation.NOTHING,
                List.of()).withChallenges(FIVE_VISITS)).challengeStore(store).build();
        program.enrol(ANN, DEC_1.minusSeconds(3600));
        for (int i = 0; i < 4; i++) {
            program.purchase(ANN, basket("s1", "food", 2, "3.00"), day(i), IdempotencyKey.of("p" + i));
        }
        store.failNext = 1;
        assertThatThrownBy(() -> program.purchase(ANN, basket("s1", "food", 2, "3.00"), day(4), IdempotencyKey.of("p4")))
                .hasMessageContaining("injected");
        assertThat(program.challengeProgress(ANN, "five-visits", day(4)).toString()).isEqualTo("4 of 5");
        program.returnPurchase(ANN, IdempotencyKey.of("p4"), Map.of("1", 1L), day(5), IdempotencyKey.of("r"));
        assertThat(program.challengeProgress(ANN, "five-visits", day(5)).toString()).isEqualTo("5 of 5");
        assertThat(points()).isEqualTo(200);
        assertThat(ledger.posting(IdempotencyKey.of("p4#" + FIVE_VISITS.tag() + "-1"))).isPresent();
    }
}
