package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Printing and parsing are inverse: the canonical text parses to the same program, printing is a
 * fixed point after one pass, and neither layout, comments nor statement order change the text.
 */
class RoundTripProperties {

    @Provide
    Arbitrary<Ast.Program> programs() {
        return Programs.program();
    }

    @Property(tries = 200)
    void printingIsAFixedPointAfterOnePass(@ForAll("programs") Ast.Program program) {
        String canonical = ProgramText.print(ProgramText.parse(Printer.print(program)));
        ParsedProgram parsed = ProgramText.parse(canonical);
        assertThat(ProgramText.print(parsed)).isEqualTo(canonical);
        assertThat(ProgramText.print(ProgramText.parse(ProgramText.print(parsed)))).isEqualTo(canonical);
    }

    @Property(tries = 200)
    void parsingTheCanonicalTextGivesTheSameProgram(@ForAll("programs") Ast.Program program) {
        ParsedProgram p = ProgramText.parse(Printer.print(program));
        ParsedProgram back = ProgramText.parse(ProgramText.print(p));
        assertThat(back.id()).isEqualTo(p.id());
        assertThat(back.zone()).isEqualTo(p.zone());
        assertThat(back.currencies()).isEqualTo(p.currencies());
        assertThat(back.rewards()).isEqualTo(p.rewards());
        assertThat(back.redemptionRules()).isEqualTo(p.redemptionRules());
        assertThat(back.toVersion().redemptionRules()).isEqualTo(p.toVersion().redemptionRules());
        assertThat(back.tiers()).isEqualTo(p.tiers());
        assertThat(back.ladder().map(RoundTripProperties::parts)).isEqualTo(p.ladder().map(RoundTripProperties::parts));
        assertThat(back.ruleSet().exclusiveGroups()).isEqualTo(p.ruleSet().exclusiveGroups());
        assertThat(back.ruleSet().campaigns()).containsExactlyInAnyOrderElementsOf(p.ruleSet().campaigns());
        assertThat(back.ruleSet().multiplierStacking()).isEqualTo(p.ruleSet().multiplierStacking());
        assertThat(back.ruleSet().rules()).extracting(r -> r.id()).containsExactlyElementsOf(
                p.ruleSet().rules().stream().map(r -> r.id()).toList());
    }

    @Property(tries = 100)
    void layoutAndCommentsDoNotChangeTheCanonicalText(@ForAll("programs") Ast.Program program,
            @ForAll long seed) {
        String raw = Printer.print(program);
        String reformatted = reformat(raw, new Random(seed));
        assertThat(ProgramText.print(ProgramText.parse(reformatted))).isEqualTo(ProgramText.print(ProgramText.parse(raw)));
    }

    @Property(tries = 100)
    void statementOrderDoesNotChangeTheCanonicalText(@ForAll("programs") Ast.Program program, @ForAll long seed) {
        String raw = Printer.print(program);
        List<Ast.Stmt> shuffled = shuffleKeepingOrderedKinds(program.statements(), new Random(seed));
        assertThat(ProgramText.print(ProgramText.parse(Printer.print(new Ast.Program(shuffled)))))
                .isEqualTo(ProgramText.print(ProgramText.parse(raw)));
    }

    /** What a ladder is made of (it has no equals of its own). */
    static List<Object> parts(io.github.loyaltyrules.tier.TierLadder l) {
        return List.of(l.tiers(), l.metrics(), l.window(), l.zone(), l.retention(), l.gracePeriod(), l.softLanding(),
                l.returnRule());
    }

    /**
     * Moves statements to random places, keeping the relative order of those whose order means
     * something: currencies, tier statements (lowest first), rules (ties in priority) and rewards
     * (catalogue order).
     */
    static List<Ast.Stmt> shuffleKeepingOrderedKinds(List<Ast.Stmt> statements, Random random) {
        java.util.Map<Class<?>, java.util.ArrayDeque<Ast.Stmt>> queues = new java.util.LinkedHashMap<>();
        List<Ast.Stmt> singles = new ArrayList<>();
        for (Ast.Stmt s : statements) {
            if (s instanceof Ast.CurrencyDecl || s instanceof Ast.TierDecl || s instanceof Ast.RuleDecl
                    || s instanceof Ast.RewardDecl) {
                queues.computeIfAbsent(s.getClass(), k -> new java.util.ArrayDeque<>()).add(s);
            } else {
                singles.add(s);
            }
        }
        java.util.Collections.shuffle(singles, random);
        List<java.util.ArrayDeque<Ast.Stmt>> sources = new ArrayList<>(queues.values());
        for (Ast.Stmt s : singles) {
            sources.add(new java.util.ArrayDeque<>(List.of(s)));
        }
        List<Ast.Stmt> out = new ArrayList<>();
        while (!sources.isEmpty()) {
            int k = random.nextInt(sources.size());
            out.add(sources.get(k).poll());
            if (sources.get(k).isEmpty()) {
                sources.remove(k);
            }
        }
        return out;
    }

    /** Replaces line breaks between tokens with random blanks and comments; strings hold no raw line breaks. */
    private static String reformat(String text, Random random) {
        StringBuilder sb = new StringBuilder();
        boolean inString = false;
        for (int k = 0; k < text.length(); k++) {
            char c = text.charAt(k);
            if (c == '"' && (k == 0 || text.charAt(k - 1) != '\\' || backslashesBefore(text, k) % 2 == 0)) {
                inString = !inString;
            }
            if (!inString && c == '\n') {
                switch (random.nextInt(4)) {
                    case 0: sb.append(' '); break;
                    case 1: sb.append("  # a comment \"with quotes\"\n"); break;
                    case 2: sb.append("\t// another\r\n\n"); break;
                    default: sb.append('\n');
                }
            } else if (!inString && c == ' ' && random.nextInt(5) == 0) {
                sb.append("  \t");
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static int backslashesBefore(String text, int k) {
        int n = 0;
        while (k - 1 - n >= 0 && text.charAt(k - 1 - n) == '\\') {
            n++;
        }
        return n;
    }

    @Property(tries = 200)
    void mutatedProgramsParseOrThrowTheLibrarysException(@ForAll("programs") Ast.Program program, @ForAll long seed) {
        String text = Printer.print(program);
        Random random = new Random(seed);
        String mutated;
        int pos = text.isEmpty() ? 0 : random.nextInt(text.length());
        switch (random.nextInt(5)) {
            case 0: mutated = text.substring(0, pos); break;
            case 1: mutated = text.substring(0, pos) + text.substring(Math.min(text.length(), pos + random.nextInt(20)));
                break;
            case 2: {
                String[] tokens = {"rule", ";", "(", ")", "when", "then", "and", "or", "not", "\"", "1.5", "2024-13-01",
                    "99:99", ">=", "earn", "cap", "tier", "-", "9999999999999999999999"};
                mutated = text.substring(0, pos) + " " + tokens[random.nextInt(tokens.length)] + " "
                        + text.substring(pos);
                break;
            }
            case 3: {
                char[] noise = new char[1 + random.nextInt(10)];
                for (int k = 0; k < noise.length; k++) {
                    noise[k] = (char) random.nextInt(0x3000);
                }
                mutated = text.substring(0, pos) + new String(noise) + text.substring(pos);
                break;
            }
            default: mutated = text.substring(pos) + text.substring(0, pos);
        }
        RobustnessTest.parseOrFailCleanly(mutated);
    }

    @Property(tries = 50)
    void randomTextNeverThrowsAnythingElse(@ForAll("noise") String text) {
        RobustnessTest.parseOrFailCleanly(text);
    }

    @Property(tries = 100)
    void randomBytesNeverThrowAnythingElse(@ForAll("bytes") byte[] bytes) {
        RobustnessTest.parseOrFailCleanly(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
        RobustnessTest.parseOrFailCleanly(new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    @Property(tries = 100)
    void randomBytesInsideAProgramNeverThrowAnythingElse(@ForAll("programs") Ast.Program program,
            @ForAll("bytes") byte[] bytes, @ForAll long seed) {
        String text = Printer.print(program);
        int pos = new Random(seed).nextInt(text.length() + 1);
        RobustnessTest.parseOrFailCleanly(text.substring(0, pos) + new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                + text.substring(pos));
    }

    @Provide
    Arbitrary<byte[]> bytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }
}
