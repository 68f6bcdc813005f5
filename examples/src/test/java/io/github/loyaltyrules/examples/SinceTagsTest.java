package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every public type of the published modules says since which version it is there ({@code @since}
 * in its javadoc), so that users (and the API check against the previous release) can tell new API
 * from old.
 */
class SinceTagsTest {

    private static final Path ROOT = Path.of("..");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "^public (?:(?:final|abstract|sealed|non-sealed|static)\\s+)*(?:class|interface|enum|record|@interface)\\s",
            Pattern.MULTILINE);

    @Test
    void everyPublicTypeOfThePublishedModulesHasASinceTag() throws IOException {
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (String module : List.of("loyalty-core", "loyalty-rules", "loyalty-jdbc", "loyalty-jackson",
                "loyalty-micrometer")) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(module).resolve("src/main/java"))) {
                for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                    String text = Files.readString(f);
                    Matcher m = PUBLIC_TYPE.matcher(text);
                    if (!m.find()) {
                        continue;
                    }
                    checked++;
                    String head = text.substring(0, m.start());
                    int doc = head.lastIndexOf("/**");
                    if (doc < 0 || !head.substring(doc).contains("@since ")) {
                        missing.add(ROOT.relativize(f).toString());
                    }
                }
            }
        }
        assertThat(checked).as("public types found").isGreaterThan(100);
        assertThat(missing).as("public types without @since").isEmpty();
    }
}
