package io.github.loyaltyrules.rules;

import static io.github.loyaltyrules.rules.Fixtures.STARS;
import static io.github.loyaltyrules.rules.Fixtures.ZONE;
import static io.github.loyaltyrules.rules.Fixtures.eur;
import static io.github.loyaltyrules.rules.Fixtures.stars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.NearMiss;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rule.Shortfall;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The badge condition: the member holds a badge a challenge awarded. */
class BadgeConditionTest {

    static final RuleSet RULES = RuleSet.builder(STARS)
            .rule("connoisseur", r -> r.name("Connoisseurs earn 10").when(Conditions.badge("coffee-connoisseur"))
                    .award(Actions.fixed(stars(10))))
            .build();

    static RuleContext context(Set<String> badges) {
        MemberProfile member = MemberProfile.of(MemberId.of("m-1")).withBadges(badges);
        return new RuleContext(member, Purchase.of("S1", "pos", List.of(BasketLine.of("L1", "ESPRESSO", "coffee", 1,
                eur("2.50")))), LocalDateTime.of(2024, 6, 5, 12, 0).atZone(ZONE), IdempotencyKey.of("p"), "v1");
    }

    @Test
    void holdsForMembersWithTheBadgeOnly() {
        assertThat(RULES.evaluate(context(Set.of("coffee-connoisseur", "explorer"))).total("STARS")).isEqualTo(10);
        assertThat(RULES.evaluate(context(Set.of("explorer"))).total("STARS")).isZero();
        assertThat(RULES.evaluate(context(Set.of())).total("STARS")).isZero();
    }

    @Test
    void aNearMissNamesTheBadge() {
        RuleContext c = context(Set.of());
        List<NearMiss> misses = RULES.nearMisses(c, RULES.quote(c));
        assertThat(misses).singleElement().satisfies(m -> {
            assertThat(m.text()).isEqualTo("Connoisseurs earn 10: needs badge 'coffee-connoisseur'");
            assertThat(m.shortfalls()).extracting(Shortfall::kind).containsExactly(Shortfall.Kind.MEMBER_BADGE);
        });
        RuleSet excluded = RuleSet.builder(STARS).rule("not-yet", r -> r.name("Not yet")
                .when(Condition.not(Conditions.badge("coffee-connoisseur"))).award(Actions.fixed(stars(1)))).build();
        RuleContext holder = context(Set.of("coffee-connoisseur"));
        assertThat(excluded.nearMisses(holder, excluded.quote(holder))).singleElement()
                .extracting(NearMiss::text).asString().contains("badge 'coffee-connoisseur'");
    }

    @Test
    void aBlankBadgeIsRefused() {
        assertThatThrownBy(() -> Conditions.badge(" ")).isInstanceOf(InvalidRuleException.class)
                .hasMessageContaining("a badge must not be blank");
    }
}
