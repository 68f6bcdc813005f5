package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The README's "first program in text" is {@code first-program.loyalty} and {@link FirstTextProgram}: its two
 * code blocks are those files (the Java one from its first import on), and running it prints what the page says.
 */
class FirstTextProgramTest {

    private static final String SECTION = "\n## Your first program in text (5 minutes)\n";

    @Test
    void theProgramEarnsDoubleAtTheWeekendAndRedeemsAVoucher() throws IOException {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            FirstTextProgram.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "+59 PTS: 1 point per 1.00 (1 PTS per 1.00 EUR on 59.90 EUR on 1 line; floor to whole 1.00 EUR (59))",
                "+59 PTS: Double points at the weekend (59 PTS earned on 1 line; 2x (additive); floor per line)",
                "18");
    }

    @Test
    void theReadmeBlocksAreExactlyTheProgramAndTheCompiledExample() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        String program = Files.readString(Path.of("src/main/resources/first-program.loyalty"), StandardCharsets.UTF_8);
        String source = Files.readString(
                Path.of("src/main/java/io/github/loyaltyrules/examples/FirstTextProgram.java"), StandardCharsets.UTF_8);
        assertThat(block(readme, "```\n")).isEqualTo(program);
        assertThat(block(readme, "```java\n")).isEqualTo(source.substring(source.indexOf("import ")));
    }

    /** The first code block opened by {@code fence} in the section,. */
    private static String block(String readme, String fence) {
        int section = readme.indexOf(SECTION);
        assertThat(section).as("README has the section %s", SECTION.trim()).isNotNegative();
        int open = readme.indexOf(fence, section);
        assertThat(open).as("the section has a %s block", fence.trim()).isNotNegative();
        int from = open + fence.length();
        return readme.substring(from, readme.indexOf("```\n", from));
    }
}
