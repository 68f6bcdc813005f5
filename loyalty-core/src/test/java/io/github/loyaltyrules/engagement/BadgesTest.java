package io.github.loyaltyrules.engagement;

import static io.github.loyaltyrules.engagement.ChallengeTermsTest.ANN;
import static io.github.loyaltyrules.engagement.ChallengeTermsTest.PTS;
import static io.github.loyaltyrules.engagement.ChallengeTermsTest.basket;
import static io.github.loyaltyrules.engagement.ChallengeTermsTest.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.engagement.contract.ChallengeModelCheck;
import io.github.loyaltyrules.engagement.spi.InMemoryChallengeStore;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.rule.Evaluation;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Badges awarded on a member's first completion of a challenge that declares one. */
class BadgesTest {

    final ChallengeTermsTest terms = new ChallengeTermsTest();

    static final Challenge COFFEE_WEEKS = StreakTermsTest.COFFEE_WEEKS.withBadge("coffee-connoisseur");
    static final Challenge EVERY_COFFEE = Challenge.of("every-coffee", "Each coffee", ChallengeGoal.purchases(1)
            .inCategory("coffee"), ChallengeWindow.LIFETIME, "PTS", 1).withRepeatable(true).withBadge("first-coffee");

    void buy(LoyaltyProgram program, String category, int day, String key) {
        program.purchase(ANN, basket("s1", category, 1, "3.00"), day(day), IdempotencyKey.of(key));
    }

    @Test
    void aBadgeIsAwardedOnceOnTheFirstCompletionWithItsPurchase() {
        LoyaltyProgram program = terms.program(COFFEE_WEEKS, EVERY_COFFEE);
        assertThat(program.badges(ANN)).isEmpty();
        buy(program, "food", 0, "food");
        assertThat(program.badges(ANN)).isEmpty();
        buy(program, "coffee", 0, "w1");
        assertThat(program.badges(ANN)).containsExactly(new Badge("first-coffee", "every-coffee", day(0),
                IdempotencyKey.of("w1")));
        buy(program, "coffee", 8, "w2");
        buy(program, "coffee", 8, "w2");
        buy(program, "coffee", 15, "w3");
        assertThat(program.badges(ANN)).as("each once, however often completed or retried").containsExactly(
                new Badge("first-coffee", "every-coffee", day(0), IdempotencyKey.of("w1")),
                new Badge("coffee-connoisseur", "coffee-weeks", day(15), IdempotencyKey.of("w3")));
        program.returnPurchase(ANN, IdempotencyKey.of("w2"), Map.of("1", 1L), day(16), IdempotencyKey.of("r"));
        assertThat(terms.points()).as("the streak's reward taken back, the coffees' 1 each kept").isEqualTo(2);
        assertThat(program.badges(ANN)).as("a badge stays").hasSize(2);
        assertThat(program.export(ANN)).contains("""
                  "badges": [
                    {
                      "badge": "first-coffee",
                      "challenge": "every-coffee",
                      "at": "2026-12-01T10:00:00Z",
                      "purchase": "w1"
                    },
                """);
    }

    @Test
    void aVersionInstalledLaterWithABadgeMakesTheRulesSeeTheBadgesHeld() {
        LoyaltyProgram program = terms.program();
        java.util.List<java.util.Set<String>> seen = new java.util.ArrayList<>();
        io.github.loyaltyrules.rule.RuleEngine watching = ctx -> {
            seen.add(ctx.member().badges());
            return io.github.loyaltyrules.rule.Evaluation.NOTHING;
        };
        program.install(io.github.loyaltyrules.program.ProgramVersion.of("v2", watching, java.util.List.of())
                .withChallenges(EVERY_COFFEE));
        buy(program, "coffee", 0, "c1");
        buy(program, "coffee", 1, "c2");
        assertThat(seen).containsExactly(java.util.Set.of(), java.util.Set.of("first-coffee"));
    }

    @Test
    void twoChallengesWithOneBadgeAwardItOnce() {
        Challenge other = Challenge.of("two-coffees", "Two coffees", ChallengeGoal.purchases(2).inCategory("coffee"),
                ChallengeWindow.LIFETIME, "PTS", 5).withBadge("first-coffee");
        LoyaltyProgram program = terms.program(other, EVERY_COFFEE);
        buy(program, "coffee", 0, "c1");
        buy(program, "coffee", 1, "c2");
        assertThat(program.badges(ANN)).extracting(Badge::challenge).containsExactly("every-coffee");
    }

    @Test
    void aBadgeLostInACrashIsAwardedWhenThePurchaseIsRetried() {
        InMemoryChallengeStore inner = InMemoryChallengeStore.create();
        int[] fail = {1};
        ChallengeModelCheck.Crashing crashing = new ChallengeModelCheck.Crashing(inner) {
            @Override
            public boolean award(MemberId m, Badge b) {
                if (fail[0]-- > 0) {
                    throw new IllegalStateException("injected: award failed");
                }
                return super.award(m, b);
            }
        };
        Ledger ledger = Ledger.builder().zone(ChallengeTermsTest.ZONE)
                .clock(Clock.fixed(Instant.parse("2027-06-01T00:00:00Z"), ChallengeTermsTest.ZONE)).currency(PTS).build();
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("v1", ctx -> Evaluation.NOTHING,
                List.of()).withChallenges(EVERY_COFFEE)).challengeStore(crashing).build();
        program.enrol(ANN, day(-1));
        assertThatThrownBy(() -> buy(program, "coffee", 0, "c1")).hasMessageStartingWith("injected");
        assertThat(program.badges(ANN)).isEmpty();
        assertThat(ledger.balance(ANN, PTS).total()).as("the reward was posted before the award failed").isEqualTo(1);
        buy(program, "coffee", 0, "c1");
        assertThat(program.badges(ANN)).extracting(Badge::id).containsExactly("first-coffee");
        assertThat(ledger.balance(ANN, PTS).total()).isEqualTo(1);
    }

    @Test
    void erasureMovesTheBadgesToThePseudonym() {
        InMemoryChallengeStore store = InMemoryChallengeStore.create();
        Badge b = new Badge("b", "c", day(0), IdempotencyKey.of("k"));
        assertThat(store.award(ANN, b)).isTrue();
        assertThat(store.award(ANN, new Badge("b", "other", day(1), IdempotencyKey.of("k2")))).isFalse();
        MemberId pseudonym = MemberId.of("erased-1");
        assertThat(store.pseudonymise(ANN, pseudonym)).isTrue();
        assertThat(store.badges(ANN)).isEmpty();
        assertThat(store.badges(pseudonym)).containsExactly(b);
    }

    @Test
    void aMalformedBadgeIdIsRefused() {
        assertThatThrownBy(() -> COFFEE_WEEKS.withBadge("coffee connoisseur")).isInstanceOf(ChallengeException.class)
                .hasMessage("badge of challenge coffee-weeks must be 1 to 64 letters, digits, '-' or '_'; got"
                        + " coffee connoisseur")
                .extracting(e -> ((LoyaltyException) e).reason()).isEqualTo(LoyaltyException.Reason.INVALID_DEFINITION);
        assertThat(COFFEE_WEEKS.withBadge(null).badge()).isNull();
        assertThat(COFFEE_WEEKS.toString()).endsWith(" badge coffee-connoisseur");
        assertThatThrownBy(() -> new Badge("", "c", day(0), IdempotencyKey.of("k"))).isInstanceOf(ChallengeException.class)
                .hasMessageStartingWith("badge id must be 1 to 64");
    }
}
