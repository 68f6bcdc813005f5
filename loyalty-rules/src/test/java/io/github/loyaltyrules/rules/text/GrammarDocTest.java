package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The examples in GRAMMAR.md parse, and its error examples are exactly what the library prints. */
class GrammarDocTest {

    private static final Pattern EXAMPLE = Pattern.compile(
            "```program\\n(.*?)```\\n(?:```errors\\n(.*?)```)?", Pattern.DOTALL);

    @Test
    void everyExampleInTheGrammarParsesOrFailsExactlyAsDocumented() throws IOException {
        String doc = Files.readString(Path.of("GRAMMAR.md"));
        Matcher m = EXAMPLE.matcher(doc);
        int programs = 0;
        int failing = 0;
        while (m.find()) {
            String program = m.group(1);
            String errors = m.group(2);
            if (errors == null) {
                ParsedProgram p = ProgramText.parse(program);
                assertThat(p.warnings()).as("warnings of a documented program:\n%s", program).isEmpty();
                assertThat(ProgramText.print(ProgramText.parse(ProgramText.print(p)))).isEqualTo(ProgramText.print(p));
                programs++;
            } else {
                ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse(program),
                        ProgramSyntaxException.class);
                assertThat(e).as("documented as failing:\n%s", program).isNotNull();
                assertThat(e.getMessage() + "\n").isEqualTo(errors);
                failing++;
            }
        }
        assertThat(programs).isEqualTo(16);
        assertThat(failing).isGreaterThanOrEqualTo(10);
    }
}
