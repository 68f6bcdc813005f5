package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's quickstart is {@link Quickstart}: its code block is that file from the first import on, and
 * running it prints what the README's comments say.
 */
class QuickstartTest {

    private static final Path SOURCE = Path.of("src/main/java/io/github/loyaltyrules/examples/Quickstart.java");

    @Test
    void theQuickstartEarnsTenPointsAndSpendsThemOnACoffee() {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            Quickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines())
                .containsExactly("+10 PTS: 10 points a visit", "0");
    }

    @Test
    void theReadmeQuickstartIsExactlyTheCompiledExampleImportsIncluded() throws IOException {
        List<String> source = Files.readAllLines(SOURCE, StandardCharsets.UTF_8);
        int firstImport = 0;
        while (!source.get(firstImport).startsWith("import ")) {
            firstImport++;
        }
        String example = String.join("\n", source.subList(firstImport, source.size())) + "\n";

        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        assertThat(quickstartBlock(readme)).isEqualTo(example);
    }

    @Test
    void everyPrintedValueTheReadmeComments() throws IOException {
        // The comments after the two println calls are what a reader expects to see; the run test checks them.
        String example = Files.readString(SOURCE, StandardCharsets.UTF_8);
        List<String> printed = example.lines().filter(line -> line.contains("System.out.println"))
                .map(line -> line.substring(line.indexOf("//") + 2).trim())
                .collect(Collectors.toList());
        assertThat(printed).containsExactly("+10 PTS: 10 points a visit", "0");
    }

    /** The first java code block after the "## Quickstart" heading. */
    private static String quickstartBlock(String readme) {
        int section = readme.indexOf("\n## Quickstart\n");
        assertThat(section).as("README has a '## Quickstart' section").isNotNegative();
        int open = readme.indexOf("```java\n", section);
        assertThat(open).as("the Quickstart section has a java code block").isNotNegative();
        int from = open + "```java\n".length();
        return readme.substring(from, readme.indexOf("```\n", from));
    }
}
