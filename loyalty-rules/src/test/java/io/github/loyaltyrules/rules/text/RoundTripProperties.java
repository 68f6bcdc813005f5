package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Printing and parsing are inverse: the printer's text parses to an equivalent program. */
class RoundTripProperties {

    @Provide
    Arbitrary<Ast.Program> programs() {
        return Programs.program();
    }

    @Property(tries = 200)
    void parsingPrintedTextGivesAnEquivalentProgram(@ForAll("programs") Ast.Program program) {
        String printed = Printer.print(program);
        ParsedProgram parsed = ProgramText.parse(printed);
        assertThat(ProgramText.print(parsed)).isEqualTo(printed);
        assertThat(ProgramText.print(ProgramText.parse(ProgramText.print(parsed)))).isEqualTo(printed);
    }

    @Property(tries = 100)
    void layoutAndCommentsDoNotChangeTheCanonicalText(@ForAll("programs") Ast.Program program,
            @ForAll long seed) {
        String printed = Printer.print(program);
        String reformatted = reformat(printed, new Random(seed));
        assertThat(ProgramText.print(ProgramText.parse(reformatted))).isEqualTo(printed);
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
        try {
            ProgramText.parse(mutated);
        } catch (ProgramSyntaxException e) {
            assertThat(e.errors()).isNotEmpty();
        }
    }

    @Property(tries = 50)
    void randomTextNeverThrowsAnythingElse(@ForAll("noise") String text) {
        try {
            ProgramText.parse(text);
        } catch (ProgramSyntaxException e) {
            assertThat(e.errors()).isNotEmpty();
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.strings().all().ofMaxLength(300);
    }
}
