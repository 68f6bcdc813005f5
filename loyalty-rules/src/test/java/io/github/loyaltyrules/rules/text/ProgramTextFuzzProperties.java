package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Program texts, mutated from a valid program or made of garbage: parsing gives a program or a
 * {@link ProgramSyntaxException} whose every problem has a line, a column and a short message,
 * never another exception, within a time bound; a program that parses prints, converts to a
 * version and evaluates a purchase with nothing but the library's exceptions.
 */
class ProgramTextFuzzProperties {

    static final Duration BOUND = Duration.ofSeconds(2);
    static final int LONGEST_MESSAGE = 300;

    /** Odd replacements for a number of the sample program. */
    static final List<String> NUMBERS = List.of("0", "-1", "1.5", "0.001", "9".repeat(19), "9223372036854775808",
            "9".repeat(120), "0." + "0".repeat(120) + "1", "2147483648", "4611686018427387904", "1e999999999",
            "1e-999999999", "00000000000000000000001", "99999999999999999.99", "-0");
    /** Odd replacements for a quoted string of the sample program. */
    static final List<String> STRINGS = List.of("\"\"", "\" \"", "\"\\u0000\"", "\"\\uD800\"", "\"a\\uDC00b\"",
            "\"\\u202Eevil\"", "\"\\u2066x\"", "\"\\t\"", "\"" + "x".repeat(5_000) + "\"", "\"Europe/Nowhere\"",
            "\"\\u0085\"", "\"\\\"");
    /** Tokens to insert. */
    static final List<String> TOKENS = List.of("rule", "reward", "campaign", "tier", "tiers", "currency", "group", ";",
            "(", ")", ",", "=", ">=", "<=", "when", "then", "and", "or", "not", "earn", "multiply", "cap", "per", "item",
            "on", "from", "until", "to", "budget", "priority", "1.00 EUR", "2024-02-30", "9999-12-31", "0001-01-01",
            "23:59", "99:99", "\" \"", "STARS", "EUR", "#", "-", "\\u", "\"", "1e9", "costs", "limit", "for",
            "expires after 99999999 years", "hold 2147483647 months", "birthday within 2147483647 days");

    static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");
    static final Pattern STRING = Pattern.compile("\"[^\"\\n]*\"");

    @Property(tries = 1000)
    void mutationsOfAValidProgramParseOrFailCleanly(@ForAll("seeds") long seed) {
        String text = mutate(CoffeeChainTextTest.COFFEE_CHAIN, new Random(seed));
        assertTimeoutPreemptively(BOUND, () -> parseOrFailCleanly(text));
    }

    @Property(tries = 1000)
    void garbageFailsCleanly(@ForAll("garbage") String text) {
        assertTimeoutPreemptively(BOUND, () -> parseOrFailCleanly(text));
    }

    static String mutate(String text, Random random) {
        String out = text;
        int mutations = 1 + random.nextInt(3);
        for (int m = 0; m < mutations; m++) {
            int pos = random.nextInt(out.length() + 1);
            switch (random.nextInt(8)) {
                case 0 -> out = replaceOne(out, NUMBER, NUMBERS, random);
                case 1 -> out = replaceOne(out, STRING, STRINGS, random);
                case 2 -> out = out.substring(0, pos) + " " + TOKENS.get(random.nextInt(TOKENS.size())) + " "
                        + out.substring(pos);
                case 3 -> out = out.substring(0, pos) + out.substring(Math.min(out.length(), pos + random.nextInt(40)));
                case 4 -> {
                    char[] noise = new char[1 + random.nextInt(8)];
                    for (int k = 0; k < noise.length; k++) {
                        noise[k] = (char) random.nextInt(0x10000);
                    }
                    out = out.substring(0, pos) + new String(noise) + out.substring(pos);
                }
                case 5 -> { // a statement twice
                    String[] statements = out.split(";", -1);
                    int k = random.nextInt(statements.length);
                    out = out + statements[k] + ";";
                }
                case 6 -> out = out.substring(0, pos);
                default -> out = replaceOne(out, Pattern.compile("\\b[A-Za-z][A-Za-z-]*\\b"),
                        List.of("\" \"", "x".repeat(300), "\u202E", "GOLD", "Gold", "STARS", "EUR", "TUE", "when"), random);
            }
        }
        return out;
    }

    private static String replaceOne(String text, Pattern p, List<String> replacements, Random random) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        return text.substring(0, s[0]) + replacements.get(random.nextInt(replacements.size())) + text.substring(s[1]);
    }

    /** Parses: a failure is a syntax exception with located, short problems; a program prints, converts and runs. */
    static void parseOrFailCleanly(String text) {
        ParsedProgram p;
        try {
            p = ProgramText.parse(text);
        } catch (ProgramSyntaxException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(x -> {
                assertThat(x.line()).isPositive();
                assertThat(x.column()).isPositive();
                assertThat(x.message()).hasSizeLessThanOrEqualTo(LONGEST_MESSAGE);
            });
            return;
        }
        assertThat(ProgramText.parse(ProgramText.print(p)).ruleSet().rules()).hasSameSizeAs(p.ruleSet().rules());
        try {
            p.toVersion();
            Purchase basket = Shop.basket().coffee(2, "3.20").pastry(1, "2.45").iced(3, "4.10").build();
            RuleContext c = Shop.context(Shop.member("ann").tier(p.tiers().isEmpty() ? null : p.tiers().get(0)).build(),
                    basket, Shop.at(6, 4, 8, 30));
            p.ruleSet().evaluate(c);
        } catch (LoyaltyException e) {
            assertThat(e.getMessage()).hasSizeLessThanOrEqualTo(LONGEST_MESSAGE);
        }
    }

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    @Provide
    Arbitrary<String> garbage() {
        Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(60).map(t -> String.join(" ", t));
        Arbitrary<String> programish = Arbitraries.strings().withChars("rule then earn STARS;\"()=,<>#\\u0123456789.-:\n ")
                .ofMaxLength(400);
        return Arbitraries.oneOf(tokens, programish, Arbitraries.strings().all().ofMaxLength(400),
                Arbitraries.of("currency STARS \"S\" decimals 0;\n").flatMap(head -> tokens.map(t -> head + t)));
    }
}
