package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
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
        long start = System.nanoTime();
        ParsedProgram p = ProgramText.parse(sb.toString());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(p.ruleSet().rules()).hasSize(n);
        assertThat(took).isLessThan(Duration.ofSeconds(30));
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
            String cut = text.substring(0, k);
            try {
                ProgramText.parse(cut);
            } catch (ProgramSyntaxException e) {
                assertThat(e.errors()).isNotEmpty().allSatisfy(p -> assertThat(p.line()).isPositive());
            }
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
}
