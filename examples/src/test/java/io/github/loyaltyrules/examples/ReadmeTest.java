package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** What the README tells a new user to run and to depend on is what the project runs and builds. */
class ReadmeTest {

    private static final Path ROOT = Path.of("..");

    @Test
    void ciRunsExactlyTheReadmeTestCommand() throws IOException {
        String command = blockAfter(readme(), "Run every test");
        assertThat(command).startsWith("./mvnw ").doesNotContain("\n");
        List<String> ciLines = Files.readAllLines(ROOT.resolve(".ci/run"), StandardCharsets.UTF_8);
        assertThat(ciLines).contains(command);
    }

    @Test
    void theReadmeCommandsUseTheWrapper() throws IOException {
        assertThat(blockAfter(readme(), "Run the demo")).startsWith("./mvnw ");
        assertThat(ROOT.resolve("mvnw")).isExecutable();
        assertThat(ROOT.resolve("mvnw.cmd")).isRegularFile();
        assertThat(Files.readString(ROOT.resolve(".mvn/wrapper/maven-wrapper.properties")))
                .containsPattern("apache-maven/3\\.9\\.\\d+/");
    }

    @Test
    void theDependencyBlockNamesThisVersionAndPublishedModules() throws IOException {
        String version = System.getProperty("loyalty.version");
        assertThat(version).as("set by the examples' surefire configuration").isNotBlank();
        String readme = readme();
        String xml = readme.substring(readme.indexOf("## Add the dependency"));
        xml = xml.substring(xml.indexOf("```xml\n"), xml.indexOf("```\n", xml.indexOf("```xml\n") + 1));

        assertThat(all(Pattern.compile("<version>([^<]*)</version>"), xml)).containsOnly(version);
        List<String> artifacts = all(Pattern.compile("<artifactId>([^<]*)</artifactId>"), xml);
        assertThat(artifacts).containsExactly("loyalty-bom", "loyalty-core", "loyalty-rules", "loyalty-jdbc",
                "loyalty-jackson");
        for (String artifact : artifacts) {
            assertThat(Files.readString(ROOT.resolve(artifact).resolve("pom.xml")))
                    .contains("<artifactId>" + artifact + "</artifactId>");
        }
    }

    @Test
    void theBomHasTheProjectVersion() throws IOException {
        // loyalty-bom has no parent (so that importing it brings no test libraries): its version is its own.
        String bom = Files.readString(ROOT.resolve("loyalty-bom/pom.xml"), StandardCharsets.UTF_8);
        assertThat(bom).contains("<artifactId>loyalty-bom</artifactId>\n  <version>"
                + System.getProperty("loyalty.version") + "</version>");
    }

    private static String readme() throws IOException {
        return Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
    }

    /** The first code block after the line that starts with the given words, without its fences. */
    private static String blockAfter(String text, String lead) {
        int at = text.indexOf("\n" + lead);
        assertThat(at).as("README has a line starting '%s'", lead).isNotNegative();
        int open = text.indexOf("```\n", at) + "```\n".length();
        return text.substring(open, text.indexOf("\n```", open));
    }

    private static List<String> all(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
