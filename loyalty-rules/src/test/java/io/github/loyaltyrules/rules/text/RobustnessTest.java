package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Large, broken and hostile inputs give a program or the library's exception, quickly. */
class RobustnessTest {

    @Test
    @Timeout(60)
    void aMegabyteProgramOfRulesParses() {
        StringBuilder sb = new StringBuilder("currency STARS \"Stars\" decimals 0;\ntiers Green, Gold;\n");
        int n = 0;
        while (sb.length() < 1_000_000) {
            sb.append("rule r").append(n).append(" \"Rule ").append(n).append("\"\n  priority ").append(n % 7)
                    .append("\n  when category = \"c").append(n % 50).append("\" and (tier = Gold or weekday in (SAT, SUN))")
                    .append("\n  then earn ").append(1 + n % 5).append(" STARS per 1.00 EUR\n  cap 100 STARS per transaction;\n");
            n++;
        }
        ParsedProgram p = ProgramText.parse(sb.toString());
        assertThat(p.ruleSet().rules()).hasSize(n);
        String printed = ProgramText.print(p);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
    }

    /** A megabyte of one token, or of one unfinished construct: a result or the library's exception. */
    @Test
    @Timeout(120)
    void aMegabyteOfOneTokenOrOneUnfinishedConstructFailsCleanly() {
        int mb = 1_000_000;
        List<String> inputs = List.of(
                "currency STARS \"S\" decimals 0;\nrule " + "r".repeat(mb) + " then earn 1 STARS;",
                "currency STARS \"S\" decimals 0;\nrule r \"" + "x".repeat(mb) + "\" then earn 1 STARS;",
                "currency STARS \"S\" decimals 0;\nrule r \"" + "x".repeat(mb),
                "# " + "c".repeat(mb),
                "currency STARS \"S\" decimals 0;\nrule r when " + "(".repeat(mb),
                "currency STARS \"S\" decimals 0;\nrule r when " + "not ".repeat(mb / 4),
                "currency STARS \"S\" decimals 0;\nrule r when " + "always and ".repeat(mb / 11) + "always then earn 1 STARS;",
                "currency STARS \"S\" decimals 0;\nrule r when " + "store = \"a\" or ".repeat(mb / 16) + "always then earn 1 STARS;",
                "currency STARS \"S\" decimals 0;\nrule r when category in (" + "\"a\", ".repeat(mb / 5) + "\"b\") then earn 1 STARS;",
                ";".repeat(mb),
                "rule ".repeat(mb / 5),
                "0".repeat(mb),
                "\"\\u".repeat(mb / 3));
        for (String text : inputs) {
            parseOrFailCleanly(text);
        }
    }

    @Test
    @Timeout(60)
    void deeplyNestedConditionsOfEveryShapeFailCleanly() {
        String head = "currency STARS \"S\" decimals 0;\nrule r when ";
        String tail = " then earn 1 STARS;";
        for (int depth : new int[] {99, 100, 101, 5_000, 200_000}) {
            parseOrFailCleanly(head + "(".repeat(depth) + "always" + ")".repeat(depth) + tail);
            parseOrFailCleanly(head + "not (".repeat(depth) + "always" + ")".repeat(depth) + tail);
            parseOrFailCleanly(head + "(always and ".repeat(depth) + "always" + ")".repeat(depth) + tail);
            parseOrFailCleanly(head + "(".repeat(depth) + "always" + tail);
            parseOrFailCleanly(head + "always" + ")".repeat(depth) + tail);
        }
    }

    @Test
    @Timeout(60)
    void hugeNumbersInEveryNumericPlaceAreResultsOrErrors() {
        String text = CoffeeChainTextTest.COFFEE_CHAIN;
        List<String> huge = List.of("9".repeat(400), "0." + "0".repeat(400) + "1", "-" + "9".repeat(400),
                "99999999999999999999.99", "2147483648", "9223372036854775808", "00000000000000000001", "9999-99-99",
                "99:99", "0");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?").matcher(text);
        int replaced = 0;
        while (m.find()) {
            for (String n : huge) {
                parseOrFailCleanly(text.substring(0, m.start()) + n + text.substring(m.end()));
            }
            replaced++;
        }
        assertThat(replaced).isGreaterThan(20);
    }

    /** Parses; a result must print to a fixed point, a failure must be the library's exception with errors. */
    static void parseOrFailCleanly(String text) {
        ParsedProgram p;
        try {
            p = ProgramText.parse(text);
        } catch (ProgramSyntaxException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(x -> assertThat(x.line()).isPositive());
            return;
        }
        String printed = ProgramText.print(p);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
    }

    @Test
    @Timeout(60)
    void aMegabyteOfRandomCharactersIsOnlyASyntaxError() {
        Random random = new Random(7);
        char[] noise = new char[1_000_000];
        for (int k = 0; k < noise.length; k++) {
            noise[k] = (char) random.nextInt(0xD800);
        }
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse(new String(noise)),
                ProgramSyntaxException.class);
        assertThat(e.errors()).hasSize(ProgramText.MAX_ERRORS + 1);
        assertThat(e.errors().get(ProgramText.MAX_ERRORS).message()).startsWith("too many errors; ");
    }

    @Test
    @Timeout(60)
    void everyTruncationOfTheCoffeeChainParsesOrFailsCleanly() {
        String text = CoffeeChainTextTest.COFFEE_CHAIN;
        for (int k = 0; k < text.length(); k += 3) {
            parseOrFailCleanly(text.substring(0, k));
            parseOrFailCleanly(text.substring(k));
        }
    }

    @Test
    void hugeNumbersAreErrorsNotOverflows() {
        String big = "9".repeat(5000);
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("currency STARS \"S\" decimals " + big
                + ";\nrule r priority " + big + " then earn " + big + " STARS;"), ProgramSyntaxException.class);
        assertThat(e.errors()).extracting(Problem::message).anySatisfy(m -> assertThat(m).startsWith("number 999"))
                .anySatisfy(m -> assertThat(m).startsWith("priority 999"));
    }

    /** Errors show at most about 64 characters of a name, list at most 10 known names, and compare long names cheaply. */
    @Test
    @Timeout(20)
    void longNamesAndLongListsOfNamesAreShownCut() {
        String tier = "g".repeat(30_000);
        String typo = "g".repeat(29_999) + "h";
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("currency STARS \"S\" decimals 0;\n"
                + "tiers " + tier + ";\nrule " + "r".repeat(100_000) + " when tier = " + typo + " then earn 1 STARS;\n"
                + "rule s priority " + "9".repeat(100_000) + " then earn 1 STARS;"), ProgramSyntaxException.class);
        assertThat(e.errors()).hasSize(2).allSatisfy(p -> assertThat(p.message()).hasSizeLessThan(300).contains("..."));
        assertThat(e.errors().get(0).message()).startsWith("unknown tier 'ggggg").endsWith("...'; expected one of "
                + "g".repeat(64) + "...");

        StringBuilder many = new StringBuilder("currency STARS \"S\" decimals 0;\ntiers T0");
        for (int k = 1; k < 1000; k++) {
            many.append(", T").append(k);
        }
        e = catchThrowableOfType(() -> ProgramText.parse(many + ";\nrule r when tier = Platinum then earn 1 STARS;"),
                ProgramSyntaxException.class);
        assertThat(e.errors()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("unknown tier 'Platinum'; expected one of T0, T1, T2, T3, T4, T5, T6, T7, T8, T9 and 990 more"));
    }

    /** A number is read only up to 100 characters: a million digits in every numeric place took minutes. */
    @Test
    @Timeout(10)
    void aMillionDigitNumberInEveryNumericPlaceFailsQuickly() {
        for (String n : List.of("9".repeat(1_000_000), "1." + "1".repeat(1_000_000))) {
            ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("currency STARS \"S\" decimals 0;\n"
                    + "rule r priority " + n + " when basket >= " + n + " EUR then earn " + n + " STARS;\n"
                    + "rule s then earn 1 STARS per " + n + " EUR cap " + n + " STARS per transaction;\n"
                    + "rule m then multiply STARS by " + n + ";\ntier Gold from " + n + " STARS multiplier " + n + ";"),
                    ProgramSyntaxException.class);
            assertThat(e.errors()).isNotEmpty().allSatisfy(p -> assertThat(p.message()).hasSizeLessThan(300));
            assertThat(e.errors()).extracting(Problem::message)
                    .anySatisfy(m -> assertThat(m).endsWith("characters; expected at most 100"));
        }
    }
}
