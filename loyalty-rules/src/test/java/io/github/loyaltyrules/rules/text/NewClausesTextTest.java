package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Campaign;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.ReturnRule;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The clauses that close the gaps between the text and the Java builders mean what the Java calls mean. */
class NewClausesTextTest {

    private static long stars(ParsedProgram p, MemberProfile m, String ruleId) {
        RuleContext c = Shop.context(m, Shop.basket().coffee(2, "3.00").iced(1, "4.00").pastry(1, "2.00").build(),
                Shop.at(6, 4, 9, 0));
        long sum = 0;
        for (Award a : p.ruleSet().evaluate(c).awards()) {
            if (a.ruleId().equals(ruleId)) {
                sum += a.amount();
            }
        }
        return sum;
    }

    @Test
    void lineIntersectionsSelectLinesMeetingEveryTest() {
        ParsedProgram p = ProgramText.parse("""
                currency STARS "Stars" decimals 0;
                rule latte then earn 10 STARS per item on category = "coffee" and sku = "LATTE"
                  or category = "pastry";
                rule none then earn 10 STARS per item on category = "coffee" and sku = "CROISSANT";
                rule any when always then earn 1 STARS;
                """);
        MemberProfile ann = Shop.member("ann").build();
        assertThat(stars(p, ann, "latte")).isEqualTo(30);
        assertThat(stars(p, ann, "none")).isZero();
        assertThat(stars(p, ann, "any")).isEqualTo(1);
    }

    @Test
    void multiplyByTierUsesTheMembersTierMultiplier() {
        ParsedProgram p = ProgramText.parse("""
                currency STARS "Stars" decimals 0;
                rule base then earn 1 STARS per 1.00 EUR;
                rule tier then multiply STARS by tier on category = "coffee";
                """);
        MemberProfile gold = new MemberProfile(io.github.loyaltyrules.ledger.MemberId.of("g"), "Gold", Set.of(),
                java.util.Map.of(), null, 3, new BigDecimal("1.5"), Set.of());
        assertThat(stars(p, gold, "tier")).isEqualTo(3); // 6.00 EUR of coffee earned 6 -> bonus 3
        assertThat(stars(p, Shop.member("ann").build(), "tier")).isZero();
        assertThat(p.ruleSet().rules().get(1).multiplier().orElseThrow().fromTier()).isTrue();
    }

    @Test
    void activityReturnsTracksAndTimedWindowsBuildTheJavaValues() {
        ParsedProgram p = ProgramText.parse("""
                zone "Europe/Paris";
                currency STARS "Stars" decimals 0 inactivity 12 months activity earn, redeem, adjust_credit;
                ladder returns immediate tracks counter stays, purchases;
                tier Green;
                tier Gold from 100 STARS;
                campaign flash from 2024-06-01 18:00 until 2024-06-01 20:30;
                reward mug "Mug" costs 50 STARS until 2024-12-31;
                reward cap "Cap" costs 50 STARS from 2024-07-01 09:15;
                rule base campaign flash then earn 1 STARS;
                """);
        assertThat(p.currency("STARS").orElseThrow().activity())
                .isEqualTo(EnumSet.of(PostingType.EARN, PostingType.REDEEM, PostingType.ADJUST_CREDIT));
        TierLadder ladder = p.ladder().orElseThrow();
        assertThat(ladder.returnRule()).isEqualTo(ReturnRule.IMMEDIATE);
        assertThat(ladder.metrics()).contains(Metric.counter("stays"), Metric.purchases());
        Campaign flash = p.ruleSet().campaigns().get(0);
        assertThat(flash.from()).isEqualTo(LocalDateTime.of(2024, 6, 1, 18, 0).atZone(Shop.PARIS).toInstant());
        assertThat(flash.until()).isEqualTo(LocalDateTime.of(2024, 6, 1, 20, 30).atZone(Shop.PARIS).toInstant());
        Reward mug = p.rewards().get(0);
        assertThat(mug.availableFrom()).isEqualTo(Instant.MIN);
        assertThat(mug.availableUntil()).isEqualTo(LocalDateTime.of(2024, 12, 31, 0, 0).atZone(Shop.PARIS).toInstant());
        Reward cap = p.rewards().get(1);
        assertThat(cap.availableFrom()).isEqualTo(LocalDateTime.of(2024, 7, 1, 9, 15).atZone(Shop.PARIS).toInstant());
        assertThat(cap.availableUntil()).isEqualTo(Instant.MAX);
        assertThat(ProgramText.print(p)).contains("activity earn, redeem, adjust_credit",
                "ladder returns immediate tracks counter stays, purchases;", "from 2024-06-01 18:00 until 2024-06-01 20:30",
                "costs 50 STARS\n  until 2024-12-31;", "costs 50 STARS\n  from 2024-07-01 09:15;");
    }

    @Test
    void expiryIsNotAnActivityAndABadReturnRuleIsReported() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency STARS "Stars" decimals 0 activity expiry;
                ladder returns later;
                tier Green;
                """), ProgramSyntaxException.class);
        assertThat(e.getMessage()).isEqualTo("""
                2 errors in program text:
                  line 1, column 10: currency STARS: activity of currency STARS must name at least one posting type \
                and not EXPIRY; got [EXPIRY]
                  line 2, column 16: expected 'immediate' or 'at window close', found 'later'""");
    }
}
