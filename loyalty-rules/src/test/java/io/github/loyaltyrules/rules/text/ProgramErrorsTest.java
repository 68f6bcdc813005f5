package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.LoyaltyException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every kind of error names its line, column, offending text and what was expected. */
class ProgramErrorsTest {

    private static final String STARS = "currency STARS \"Stars\" decimals 0;\n";

    private static List<Problem> errors(String text) {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse(text), ProgramSyntaxException.class);
        assertThat(e).as("expected a ProgramSyntaxException").isNotNull();
        return e.errors();
    }

    private static Problem only(String text) {
        List<Problem> errors = errors(text);
        assertThat(errors).hasSize(1);
        return errors.get(0);
    }

    @Test
    void unknownTierSuggestsTheClosestDeclaredTier() {
        Problem p = only(STARS + "tiers Green, Gold;\nrule r when tier = Glod then earn 1 STARS;");
        assertThat(p).isEqualTo(new Problem(3, 20, "Glod", "unknown tier 'Glod', did you mean 'Gold'?"));
        assertThat(p.toString()).isEqualTo("line 3, column 20: unknown tier 'Glod', did you mean 'Gold'?");
    }

    @Test
    void unknownNameWithoutCloseMatchListsTheKnownNames() {
        assertThat(only(STARS + "tiers Green, Gold;\nrule r when tier = Platinum then earn 1 STARS;"))
                .isEqualTo(new Problem(3, 20, "Platinum", "unknown tier 'Platinum'; expected one of Green, Gold"));
    }

    @Test
    void misspeltKeywordsSuggestTheKeyword() {
        assertThat(only(STARS + "rul r then earn 1 STARS;"))
                .isEqualTo(new Problem(2, 1, "rul", "expected a statement, found 'rul'; did you mean 'rule'?"));
        assertThat(only(STARS + "rule t when categroy = \"x\" then earn 1 STARS;")).isEqualTo(new Problem(2, 13,
                "categroy", "expected a condition, found 'categroy'; did you mean 'category'?"));
    }

    @Test
    void unknownReferencesSuggestDeclaredNames() {
        List<Problem> errors = errors(STARS + "group breakfast best;\n"
                + "rule r group brekfast then earn 1 STRAS;\n"
                + "rule s campaign summer then earn 1 STARS;\n"
                + "rule t when weekday = TEU then earn 1 STARS per 1.00 EUX;\n"
                + "zone \"Europe/Pari\";");
        assertThat(errors).containsExactly(
                new Problem(3, 14, "brekfast", "unknown exclusive group 'brekfast', did you mean 'breakfast'?"),
                new Problem(3, 35, "STRAS", "unknown currency 'STRAS', did you mean 'STARS'?"),
                new Problem(4, 17, "summer", "unknown campaign 'summer'; none is declared"),
                new Problem(5, 23, "TEU", "unknown weekday 'TEU', did you mean 'TUE'?"),
                new Problem(5, 54, "EUX", "unknown money currency 'EUX', did you mean 'EUR'?"),
                new Problem(6, 6, "\"Europe/Pari\"", "unknown time zone 'Europe/Pari', did you mean 'Europe/Paris'?"));
    }

    @Test
    void syntaxErrorsSayWhatWasExpected() {
        assertThat(only(STARS + "rule u when (category = \"a\" then earn 1 STARS;"))
                .isEqualTo(new Problem(2, 29, "then", "expected ')', found 'then'"));
        assertThat(only(STARS + "rule x when category = \"a\";"))
                .isEqualTo(new Problem(2, 27, ";", "expected 'then' and an action before ';' in rule 'x', found ';'"));
        assertThat(only("currency STARS \"Stars\" decimals;")).isEqualTo(new Problem(1, 32, ";",
                "expected the number of decimal places (a whole number, 0 or more), found ';'"));
        assertThat(only(STARS + "rule r then earn 1 STARS")).isEqualTo(new Problem(2, 25, "",
                "expected a rule clause (priority, valid, group, campaign, when, then, cap) or ';', found end of input"));
    }

    @Test
    void missingSemicolonIsReportedAndTheNextStatementStillParsed() {
        List<Problem> errors = errors(STARS + "rule u then earn 1 STARS\nrule v then earn 2.5 STARS;");
        assertThat(errors).containsExactly(
                new Problem(3, 1, "rule", "expected ';' to end the rule statement at line 2, found 'rule'"),
                new Problem(3, 18, "2.5", "amount of STARS must have at most 0 decimal places; got 2.5"));
    }

    @Test
    void badLiteralsAreReportedWhereTheyAre() {
        List<Problem> errors = errors("currency STARS \"Stars \\q\" decimals 0;\n"
                + "rule r when date from 2024-02-30 to 2024-03-01 and time from 25:00 until 10:00 then earn 1 STARS @;\n"
                + "rule s when basket >= 10.001 EUR then earn 99999999999999999999 STARS;\n");
        assertThat(errors).containsExactly(
                new Problem(1, 23, "\\q", "bad escape '\\q'; expected one of \\\" \\\\ \\n \\t \\r \\uXXXX"),
                new Problem(2, 23, "2024-02-30", "invalid date '2024-02-30'; expected a real day as YYYY-MM-DD"),
                new Problem(2, 62, "25:00", "invalid time '25:00'; expected HH:MM from 00:00 to 23:59"),
                new Problem(2, 98, "@", "unexpected character '@'"),
                new Problem(3, 23, "10.001", "amount of EUR must have at most 2 decimal places; got 10.001"),
                new Problem(3, 44, "99999999999999999999",
                        "amount 99999999999999999999 STARS does not fit the exact range of a long in minor units"));
    }

    @Test
    void unterminatedStringIsReportedAtItsStart() {
        List<Problem> errors = errors("currency STARS \"Stars decimals 0;\n" + "rule r then earn 1 STARS;");
        assertThat(errors.get(0)).isEqualTo(new Problem(1, 16, "\"Stars decimals 0;",
                "unterminated string; expected '\"' before the end of the line"));
    }

    @Test
    void semanticRuleErrorsAreReportedAtTheRule() {
        assertThat(only(STARS + "rule r when time from 10:00 until 09:00 then earn 1 STARS;"))
                .isEqualTo(new Problem(2, 1, "rule", "rule 'r': time-of-day window 10:00-09:00 must end after it starts;"
                        + " write a window across midnight as two windows joined with or()"));
        assertThat(only(STARS + "rule w then multiply STARS by 0.5;"))
                .isEqualTo(new Problem(2, 31, "0.5", "multiplier factor must be greater than 1; got 0.5"));
        assertThat(only(STARS + "rule t when tier >= Gold then earn 1 STARS;")).isEqualTo(new Problem(2, 13, "tier",
                "'tier >= Gold' needs a 'tiers' declaration listing the tiers from lowest to highest"));
    }

    @Test
    void duplicatesPointAtTheFirstDeclaration() {
        List<Problem> errors = errors(STARS + STARS + "rule r then earn 1 STARS;\nrule r then earn 2 STARS;\n"
                + "zone \"UTC\";\nzone \"UTC\";");
        assertThat(errors).containsExactly(
                new Problem(2, 10, "STARS", "duplicate currency 'STARS'; first declared at line 1, column 10"),
                new Problem(4, 6, "r", "duplicate rule 'r'; first declared at line 3, column 6"),
                new Problem(6, 1, "zone", "'zone' is declared twice; first at line 5, column 1"));
    }

    @Test
    void coreValidationMessagesAreCarriedWithTheirPosition() {
        List<Problem> errors = errors(STARS + "currency stars \"Stars\" decimals 0;\n"
                + "reward a \"A\" costs 0 STARS;\nreward b \"B\" costs 5 STARS limit 0 per member;");
        assertThat(errors).containsExactly(
                new Problem(2, 10, "stars", "currency stars: currency code must be 1 to 16 characters: an upper-case"
                        + " letter, then upper-case letters, digits or '_'; got 'stars'"),
                new Problem(3, 1, "reward", "cost of reward a must be positive; got 0 STARS"),
                new Problem(4, 1, "reward", "per-member limit of reward b must be positive; got 0"));
    }

    @Test
    void aBrokenDeclarationDoesNotCascadeIntoUnknownNames() {
        List<Problem> errors = errors("currency STARS \"Stars\" decimals;\n"
                + "tiers Gold Silver;\n"
                + "rule r when tier = Gold then earn 1 STARS;\nrule s then earn 1 STARS;");
        assertThat(errors).containsExactly(
                new Problem(1, 32, ";", "expected the number of decimal places (a whole number, 0 or more), found ';'"),
                new Problem(2, 12, "Silver", "expected ';', found 'Silver'"));
    }

    @Test
    void aStatementMissingItsSemicolonIsStillCheckedForUnknownNames() {
        List<Problem> errors = errors(STARS + "group g best;\nrule a group gg then earn 1 STARS\nrule b then earn 1 STRS;");
        assertThat(errors).containsExactly(
                new Problem(3, 14, "gg", "unknown exclusive group 'gg', did you mean 'g'?"),
                new Problem(4, 1, "rule", "expected ';' to end the rule statement at line 3, found 'rule'"),
                new Problem(4, 20, "STRS", "unknown currency 'STRS', did you mean 'STARS'?"));
    }

    @Test
    void aBrokenNamedDeclarationHidesOnlyItsOwnNameAndIsStillSuggested() {
        List<Problem> errors = errors("currency STARS \"Stars\" decimals zero;\n"
                + "currency MILES \"Miles\" decimals 2;\n"
                + "tier Green;\ntier Gold from 100 STARS multiplier x;\n"
                + "rule a when tier = Gold then earn 1 STARS;\n"
                + "rule b when tier = Gld then earn 1 MILS;\n"
                + "rule c then earn 1 STARZ;");
        assertThat(errors).containsExactly(
                new Problem(1, 33, "zero", "expected the number of decimal places (a whole number, 0 or more), found 'zero'"),
                new Problem(4, 37, "x", "expected a multiplier such as 1.25, found 'x'"),
                new Problem(6, 20, "Gld", "unknown tier 'Gld', did you mean 'Gold'?"),
                new Problem(6, 36, "MILS", "unknown currency 'MILS', did you mean 'MILES'?"),
                new Problem(7, 20, "STARZ", "unknown currency 'STARZ', did you mean 'STARS'?"));
    }

    @Test
    void aRewardWithABadCostStillHasItsTiersChecked() {
        List<Problem> errors = errors(STARS + "tiers Green, Gold;\nreward w \"W\" costs 5 STARZ for tier Gld;");
        assertThat(errors).containsExactly(
                new Problem(3, 22, "STARZ", "unknown currency 'STARZ', did you mean 'STARS'?"),
                new Problem(3, 37, "Gld", "unknown tier 'Gld', did you mean 'Gold'?"));
    }

    @Test
    void aCurrencyWithASemanticErrorIsNotAlsoReportedMissing() {
        List<Problem> errors = errors("currency STARS \"S\" decimals 0 activity earn, redem;\nrule a then earn 1 STARS;");
        assertThat(errors).containsExactly(
                new Problem(1, 46, "redem", "unknown posting type 'redem', did you mean 'redeem'?"));
    }

    @Test
    void aMoneyAmountBeyondWhatIsCountedIsAnErrorNotAnOverflow() {
        Problem p = only(STARS + "rule r then earn 1 STARS per 99999999999999999999.99 EUR;");
        assertThat(p).isEqualTo(new Problem(2, 30, "99999999999999999999.99", "money amount 99999999999999999999.99 EUR"
                + " is too large; expected at most 92233720368547758.07 EUR"));
    }

    @Test
    void clausesGivenTwiceAndALadderWithoutTiersAreReported() {
        List<Problem> errors = errors(STARS + "rule r priority 1 priority 2 then earn 1 STARS;\n"
                + "reward x \"X\" costs 5 STARS limit 1 per member limit 2 per member;\n"
                + "ladder window lifetime;");
        assertThat(errors).containsExactly(
                new Problem(2, 19, "priority", "'priority' is given twice in this rule; expected it at most once"),
                new Problem(3, 47, "limit", "'limit' is given twice in this reward; expected it at most once"),
                new Problem(4, 1, "ladder", "'ladder' needs 'tier' statements, one per tier from lowest to highest"));
    }

    @Test
    void aProgramNeedsACurrency() {
        assertThat(only("tiers Gold;")).isEqualTo(new Problem(1, 1, "",
                "a program needs at least one 'currency' declaration"));
    }

    @Test
    void allErrorsOfAFileAreThrownTogetherInOrder() {
        String text = STARS + "tiers Green, Gold;\n"
                + "rule a when tier = Glod then earn 1 STARS;\n"
                + "rule b when weekday = FRY then earn 1 STARS;\n"
                + "rule c then earn 1 STARS per 1.00 EUR cap 5 STARS per fortnight;\n"
                + "reward d \"D\" costs 10 STRAS;\n";
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse(text), ProgramSyntaxException.class);
        assertThat(e).isInstanceOf(LoyaltyException.class);
        assertThat(e.errors()).extracting(Problem::line).containsExactly(3, 4, 5, 6);
        assertThat(e.getMessage()).isEqualTo("4 errors in program text:\n"
                + "  line 3, column 20: unknown tier 'Glod', did you mean 'Gold'?\n"
                + "  line 4, column 23: unknown weekday 'FRY', did you mean 'FRI'?\n"
                + "  line 5, column 55: expected 'transaction' or 'member', found 'fortnight'\n"
                + "  line 6, column 23: unknown currency 'STRAS', did you mean 'STARS'?");
        assertThatThrownBy(() -> e.errors().add(new Problem(1, 1, "", "x")))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void deeplyNestedConditionsAreAnErrorNotAStackOverflow() {
        String deep = "(".repeat(100_000) + "category = \"a\"" + ")".repeat(100_000);
        Problem p = errors(STARS + "rule r when " + deep + " then earn 1 STARS;").get(0);
        assertThat(p.message()).isEqualTo("condition is nested deeper than 100 levels");
        assertThat(p.line()).isEqualTo(2);
        String nots = "not ".repeat(50_000) + "first purchase";
        assertThat(errors(STARS + "rule r when " + nots + " then earn 1 STARS;").get(0).message())
                .isEqualTo("condition is nested deeper than 100 levels");
    }

    @Test
    void blankIdsAreErrorsAtTheirPosition() {
        assertThat(only(STARS + "rule \" \" then earn 1 STARS;"))
                .isEqualTo(new Problem(2, 6, "\" \"", "rule id must not be blank"));
        assertThat(only("program \" \";\n" + STARS)).isEqualTo(new Problem(1, 1, "program",
                "program id must not be blank"));
        assertThat(only(STARS + "campaign \" \" from 2024-01-01 until 2024-02-01;")).satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.message()).isEqualTo("campaign id must not be blank");
        });
    }
}
