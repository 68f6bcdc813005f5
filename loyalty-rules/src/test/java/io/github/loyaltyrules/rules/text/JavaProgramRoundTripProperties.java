package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.rules.Rule;
import io.github.loyaltyrules.rules.RuleSet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A rule set built in Java prints as text that parses back to a rule set with the same structure
 * and the same awards and explanations on any activity, and printing is a fixed point.
 */
class JavaProgramRoundTripProperties {

    @Provide
    Arbitrary<RuleSet> ruleSets() {
        return JavaPrograms.ruleSet();
    }

    @Provide
    Arbitrary<List<RuleContext>> activities() {
        return JavaPrograms.context().list().ofMinSize(1).ofMaxSize(8);
    }

    @Property(tries = 300)
    void printingIsAFixedPointAfterOneParse(@ForAll("ruleSets") RuleSet rules) {
        String printed = ProgramText.print(rules, JavaPrograms.ZONE);
        ParsedProgram parsed = ProgramText.parse(printed);
        assertThat(ProgramText.print(parsed)).isEqualTo(printed);
        assertThat(ProgramText.print(parsed.ruleSet(), JavaPrograms.ZONE)).isEqualTo(printed);
    }

    @Property(tries = 300)
    void parsedRuleSetHasTheSameStructure(@ForAll("ruleSets") RuleSet rules) {
        RuleSet back = ProgramText.parse(ProgramText.print(rules, JavaPrograms.ZONE)).ruleSet();
        assertThat(back.currencies()).isEqualTo(rules.currencies());
        assertThat(back.multiplierStacking()).isEqualTo(rules.multiplierStacking());
        assertThat(back.exclusiveGroups()).isEqualTo(rules.exclusiveGroups());
        assertThat(back.campaigns()).isEqualTo(rules.campaigns());
        assertThat(back.declaredTiers()).isEqualTo(rules.declaredTiers());
        assertThat(back.declaredMemberAttributes()).isEqualTo(rules.declaredMemberAttributes());
        assertThat(back.rules()).hasSameSizeAs(rules.rules());
        for (int k = 0; k < rules.rules().size(); k++) {
            Rule a = rules.rules().get(k);
            Rule b = back.rules().get(k);
            assertThat(b.id()).isEqualTo(a.id());
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.priority()).isEqualTo(a.priority());
            assertThat(b.validFrom()).isEqualTo(a.validFrom());
            assertThat(b.validUntil()).isEqualTo(a.validUntil());
            assertThat(b.exclusiveGroup()).isEqualTo(a.exclusiveGroup());
            assertThat(b.campaign()).isEqualTo(a.campaign());
            assertThat(b.capsPerTransaction()).isEqualTo(a.capsPerTransaction());
            assertThat(b.capsPerMember()).isEqualTo(a.capsPerMember());
            assertThat(b.multiplier().map(m -> m.currency())).isEqualTo(a.multiplier().map(m -> m.currency()));
            assertThat(b.multiplier().map(m -> m.fromTier())).isEqualTo(a.multiplier().map(m -> m.fromTier()));
        }
    }

    @Property(tries = 300)
    void parsedRuleSetAwardsAndExplainsTheSame(@ForAll("ruleSets") RuleSet rules,
            @ForAll("activities") List<RuleContext> activities) {
        RuleSet back = ProgramText.parse(ProgramText.print(rules, JavaPrograms.ZONE)).ruleSet();
        for (RuleContext c : activities) {
            assertThat(back.evaluate(c)).isEqualTo(rules.evaluate(c));
        }
    }
}
