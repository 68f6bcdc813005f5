package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.MemberEvent;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A member's profile and an event's attributes are bounded and storable: a profile that breaks a
 * limit is refused with a message naming the rule (and the attribute's name, never a value), and
 * the member's stored profile stays as it was.
 */
class ProfileLimitsTest {

    private static final String SECRET = "ann.smith@example.com";

    static List<Arguments> badProfiles() {
        Set<String> manyTags = new HashSet<>();
        Map<String, String> manyAttributes = new HashMap<>();
        for (int i = 0; i <= 100; i++) {
            manyTags.add("tag-" + i);
            manyAttributes.put("a" + i, SECRET);
        }
        return List.of(
                Arguments.of("101 tags", manyTags, Map.of(), null, "at most 100 tags; got 101"),
                Arguments.of("a blank tag", Set.of(" "), Map.of(), null, "a tag of the profile must not be blank"),
                Arguments.of("a 65-character tag", Set.of("t".repeat(65)), Map.of(), null, "at most 64 characters; got 65"),
                Arguments.of("a tag with a control character", Set.of("vip\u0007"), Map.of(), null, "control character U+0007"),
                Arguments.of("101 attributes", Set.of(), manyAttributes, null, "at most 100 attributes; got 101"),
                Arguments.of("an empty attribute name", Set.of(), Map.of("", SECRET), null, "an attribute name of the profile must not be blank"),
                Arguments.of("a 65-character name", Set.of(), Map.of("n".repeat(65), SECRET), null, "at most 64 characters; got 65"),
                Arguments.of("a 4,001-character value", Set.of(), Map.of("note", SECRET + "x".repeat(4001 - SECRET.length())), null,
                        "attribute 'note' of the profile must be at most 4000 characters; got 4001"),
                Arguments.of("a NUL in a value", Set.of(), Map.of("email", SECRET + "\0"), null, "holds a NUL character at index 21"),
                Arguments.of("an unpaired surrogate", Set.of(), Map.of("email", "\uD800" + SECRET), null, "an unpaired surrogate at index 0"),
                Arguments.of("a birthday in year 10000", Set.of(), Map.of(), LocalDate.of(10_000, 1, 1), "years 1 to 9999; got year 10000"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badProfiles")
    void aProfileBreakingALimitIsRefusedAndChangesNothing(String name, Set<String> tags, Map<String, String> attributes,
            LocalDate birthday, String message) {
        ProgramStore store = InMemoryProgramStore.create();
        LoyaltyProgram program = LoyaltyProgram.builder(LoyaltyProgramTest.program().ledger(),
                ProgramVersion.of("v1", LoyaltyProgramTest.PER_EURO, List.of())).store(store).build();
        MemberId ann = LoyaltyProgramTest.ANN;
        program.updateProfile(ann, Set.of("staff"), Map.of("email", SECRET), LocalDate.of(1984, 2, 29));
        String before = program.export(ann);

        Throwable t = catchThrowable(() -> program.updateProfile(ann, tags, attributes, birthday));

        assertThat(t).isInstanceOf(InvalidRequestException.class).hasMessageContaining(message);
        assertThat(t.getMessage()).doesNotContain(SECRET).hasSizeLessThan(200);
        assertThat(program.export(ann)).isEqualTo(before);
    }

    @Test
    void theLimitsThemselvesAreAccepted() {
        LoyaltyProgram program = LoyaltyProgramTest.program();
        Set<String> tags = new HashSet<>();
        Map<String, String> attributes = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            tags.add("t".repeat(60) + String.format("%03d", i).substring(0, 3) + "x".repeat(1)); // 64 characters
            attributes.put("n".repeat(61) + String.format("%03d", i), "v".repeat(4000));
        }
        program.updateProfile(LoyaltyProgramTest.ANN, tags, attributes, LocalDate.of(1, 1, 1));
        assertThat(program.export(LoyaltyProgramTest.ANN)).contains("v".repeat(4000));
    }

    @Test
    void anEventsAttributesFollowTheSameLimits() {
        assertThatThrownBy(() -> new MemberEvent("review", Map.of("text", "x".repeat(4001))))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("attribute 'text' of the event must be at most 4000 characters; got 4001");
        assertThatThrownBy(() -> new MemberEvent("review", Map.of(" ", "great")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("an attribute name of the event must not be blank");
        assertThat(new MemberEvent("review", Map.of("text", "line one\nline two")).attributes()).hasSize(1);
    }
}
