package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the text-program example and checks its error report, receipts and hot swap. */
class TextProgramExampleTest {

    private static final String NL = System.lineSeparator();

    @Test
    void theBrokenCopyIsReportedWithEveryErrorAndTheGoodProgramRunsAndIsHotSwapped() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LoyaltyProgram program = TextProgramExample.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("program northside-2026.1, 5 rules, 2 rewards, zone Europe/Amsterdam");
        assertThat(out).contains(String.join(NL,
                "4 errors in program text:",
                "  line 14, column 15: unknown currency 'BEANZ', did you mean 'BEANS'?",
                "  line 18, column 8: expected a condition, found 'frist'; did you mean 'first'?",
                "  line 22, column 9: unknown exclusive group 'brekfast', did you mean 'breakfast'?",
                "  line 32, column 15: unknown tier 'Glod', did you mean 'Gold'?"));

        // Ada (Gold): 6.00 -> 6, welcome 25, breakfast combo 10, all doubled.
        assertThat(stars(program, "ada-1")).isEqualTo(82);
        assertThat(out).contains("+41 BEANS: Double beans for Gold (41 BEANS earned on 2 lines; 2x (additive);");
        // Bob (Green): 19.30 -> 19, welcome 25, one bag of beans 5.
        assertThat(stars(program, "bob-1")).isEqualTo(49);
        // Ada: two bags, 25.00 -> 25 + 10, doubled; no welcome the second time.
        assertThat(stars(program, "ada-2")).isEqualTo(70);
        assertThat(out).contains("-- Installing the broken copy failed (4 errors); still running northside-2026.1 --");

        // Tuesday, version 2: 3 extra beans per whole 1.00 on coffee.
        assertThat(out).contains("-- Hot-swapped northside-2026.1 for northside-2026.2");
        assertThat(out).contains("Receipt ada-3, ada (Gold), Tue 3 Mar 2026 08:05, program northside-2026.2:" + NL
                + "  +9 BEANS: 1 bean per 1.00");
        assertThat(program.receipt(IdempotencyKey.of("ada-1")).orElseThrow().programVersion())
                .isEqualTo("northside-2026.1");
        assertThat(program.receipt(IdempotencyKey.of("ada-3")).orElseThrow().programVersion())
                .isEqualTo("northside-2026.2");
        // 9.40 -> 9, combo 10, 6.80 of coffee -> 18; doubled.
        assertThat(stars(program, "ada-3")).isEqualTo(74);
        // 3.80 of coffee -> 3 + 9.
        assertThat(stars(program, "bob-2")).isEqualTo(12);

        var beans = program.ledger().currency("BEANS");
        assertThat(program.ledger().balance(MemberId.of("ada"), beans).total()).isEqualTo(82 + 70 + 74 - 100);
        assertThat(program.ledger().balance(MemberId.of("bob"), beans).total()).isEqualTo(49 + 12);
        assertThat(out).contains("Balance of ada: 126 BEANS", "Balance of bob: 61 BEANS");
    }

    @Test
    void theResourceRoundTripsThroughThePrinterAndOnlyTheBrokenCopyFails() {
        String text = TextProgramExample.resource(TextProgramExample.PROGRAM);
        String printed = ProgramText.print(ProgramText.parse(text));
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        assertThat(TextProgramExample.problems(TextProgramExample.broken(text)))
                .extracting(p -> p.line() + ":" + p.column())
                .containsExactly("14:15", "18:8", "22:9", "32:15");
    }

    private static long stars(LoyaltyProgram program, String key) {
        Receipt r = program.receipt(IdempotencyKey.of(key)).orElseThrow();
        return r.total("BEANS");
    }
}
