package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.Actions;
import io.github.loyaltyrules.rules.DuplicateRuleIdException;
import io.github.loyaltyrules.rules.Rule;
import io.github.loyaltyrules.rules.RuleSet;
import io.github.loyaltyrules.rules.UnknownRuleReferenceException;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A program read from text builds its own ledger ({@link ParsedProgram#ledgerBuilder()}) and takes rules written in
 * Java beside its text rules ({@link ParsedProgram#with}), checked against what the text declares.
 */
class ParsedProgramWithJavaRulesTest {

    private static final String TEXT = """
            program "shop-1";
            zone "Europe/Paris";
            currency PTS "Points" decimals 0 expires after 12 months;
            currency QP "Qualifying points" decimals 0;
            tiers Silver, Gold;
            campaign spring "Spring" from 2026-03-01 until 2026-06-01 budget 1000 PTS;
            rule base "1 point per 1.00" then earn 1 PTS per 1.00 EUR;
            rule welcome "10 on the first purchase" priority 5 when first purchase then earn 10 PTS;
            reward voucher "Voucher" costs 100 PTS;
            """;

    private static final MemberId ANN = MemberId.of("ann");
    private static final Instant AT = Instant.parse("2026-03-04T10:00:00Z");

    /** What the language cannot say: 3 points per line with an even line number. */
    private static Rule evenLines(PointCurrency pts) {
        return Rule.builder("even-lines").name("3 points per even line")
                .when(ctx -> ctx.activity() instanceof Purchase p
                        && p.lines().stream().anyMatch(l -> Integer.parseInt(l.lineId()) % 2 == 0))
                .award(Actions.fixed(pts.points(3)))
                .build();
    }

    @Test
    void theLedgerBuilderHasTheProgramsZoneAndCurrenciesInOrder() {
        ParsedProgram parsed = ProgramText.parse(TEXT);
        Ledger ledger = parsed.ledgerBuilder().build();
        assertThat(ledger.zone()).isEqualTo(parsed.zone());
        assertThat(List.copyOf(ledger.currencies().values())).containsExactlyElementsOf(parsed.currencies());
    }

    @Test
    void aJavaRuleRunsBesideTheTextRulesAndTheTextProgramIsUnchanged() {
        ParsedProgram parsed = ProgramText.parse(TEXT);
        PointCurrency pts = parsed.currency("PTS").orElseThrow();
        ParsedProgram extended = parsed.with(evenLines(pts));

        assertThat(parsed.ruleSet().rules()).extracting(Rule::id).containsExactly("welcome", "base");
        assertThat(extended.ruleSet().rules()).extracting(Rule::id).containsExactly("welcome", "base", "even-lines");
        assertThat(extended.ruleSet().currencies()).isEqualTo(parsed.ruleSet().currencies());
        assertThat(extended.ruleSet().declaredTiers()).isEqualTo(parsed.ruleSet().declaredTiers());
        assertThat(extended.ruleSet().campaigns()).isEqualTo(parsed.ruleSet().campaigns());
        assertThat(extended.id()).isEqualTo(parsed.id());
        assertThat(extended.rewards()).isEqualTo(parsed.rewards());

        LoyaltyProgram program = LoyaltyProgram.of(extended.ledgerBuilder().build(), extended.toVersion(),
                TierLookup.NONE);
        program.enrol(ANN, AT);
        Receipt r = program.purchase(ANN, Purchase.of("s1", "pos", List.of(
                BasketLine.of("1", "A", "x", 1, Money.of("20.00", "EUR")),
                BasketLine.of("2", "B", "x", 1, Money.of("5.50", "EUR")))), AT, IdempotencyKey.of("o-1"));
        assertThat(r.awards().stream().collect(Collectors.toMap(Award::ruleId, Award::amount)))
                .containsEntry("welcome", 10L).containsEntry("base", 25L).containsEntry("even-lines", 3L).hasSize(3);
    }

    @Test
    void javaRulesAreCheckedAgainstWhatTheTextDeclares() {
        ParsedProgram parsed = ProgramText.parse(TEXT);
        PointCurrency pts = parsed.currency("PTS").orElseThrow();
        Rule clash = Rule.builder("base").name("again").award(Actions.fixed(pts.points(1))).build();
        assertThatThrownBy(() -> parsed.with(clash)).isInstanceOf(DuplicateRuleIdException.class);
        Rule unknownTier = Rule.builder("platinum").name("Platinum bonus")
                .when(io.github.loyaltyrules.rules.Conditions.tier("Platinum"))
                .award(Actions.fixed(pts.points(1))).build();
        assertThatThrownBy(() -> parsed.with(unknownTier)).isInstanceOf(UnknownRuleReferenceException.class)
                .hasMessageContaining("Platinum");
        Rule unknownCampaign = Rule.builder("autumn").name("Autumn").campaign("autumn")
                .award(Actions.fixed(pts.points(1))).build();
        assertThatThrownBy(() -> parsed.with(unknownCampaign)).isInstanceOf(UnknownRuleReferenceException.class);
        assertThat(parsed.ruleSet().rules()).extracting(Rule::id).containsExactly("welcome", "base");
    }

    @Test
    void toBuilderRebuildsAnEqualRuleSetSharingItsCounters() {
        RuleSet original = ProgramText.parse(TEXT).ruleSet();
        RuleSet copy = original.toBuilder().build();
        assertThat(copy.rules()).isEqualTo(original.rules());
        assertThat(copy.multiplierStacking()).isEqualTo(original.multiplierStacking());
        assertThat(copy.exclusiveGroups()).isEqualTo(original.exclusiveGroups());
        assertThat(copy.declaredMemberAttributes()).isEqualTo(original.declaredMemberAttributes());
        assertThat(copy.budgetRemaining("spring", "PTS")).isEqualTo(original.budgetRemaining("spring", "PTS"));
    }
}
