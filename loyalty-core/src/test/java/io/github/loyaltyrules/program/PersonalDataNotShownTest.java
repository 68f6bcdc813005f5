package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.MemberEvent;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Personal data (e-mail, phone, birthday, tags, free text) never shows in a {@code toString} of what
 * the program keeps, nor in the error a member gets for reusing another member's key: a conflict names
 * the part that differs, not the other request.
 */
class PersonalDataNotShownTest {

    private static final String EMAIL = "ann.smith@example.com";
    private static final String PHONE = "+447700900123";
    private static final LocalDate BIRTHDAY = LocalDate.of(1984, 2, 29);

    @Test
    void recordsProfilesAndEventsShowWhatIsHeldNotItsValues() {
        ProgramStore store = InMemoryProgramStore.create();
        LoyaltyProgram program = LoyaltyProgram.builder(LoyaltyProgramTest.program().ledger(),
                ProgramVersion.of("v1", LoyaltyProgramTest.PER_EURO, List.of())).store(store).build();
        MemberId ann = LoyaltyProgramTest.ANN;
        program.updateProfile(ann, Set.of("expecting-a-baby"), Map.of("email", EMAIL, "phone", PHONE), BIRTHDAY);
        program.purchase(ann, LoyaltyProgramTest.basket(), LoyaltyProgramTest.T0, IdempotencyKey.of("o-1"));
        program.event(ann, new MemberEvent("review", Map.of("text", "my husband loved it")), LoyaltyProgramTest.T0,
                IdempotencyKey.of("r-1"));

        List<String> shown = List.of(String.valueOf(store.member(ann)), String.valueOf(store.receipt(IdempotencyKey.of("o-1"))),
                String.valueOf(store.receipt(IdempotencyKey.of("r-1"))));
        for (String s : shown) {
            assertThat(s).doesNotContain(EMAIL, PHONE, "1984", "expecting", "husband");
        }
        assertThat(shown.get(0)).contains("attributes=[email, phone]", "birthday=hidden", "tags=1");
        assertThat(shown.get(2)).contains("MemberEvent[type=review, attributes=[text]]");
    }

    @Test
    void anotherMembersKeyIsAConflictThatNamesWhatDiffersNotTheirRequest() {
        LoyaltyProgram program = LoyaltyProgramTest.program();
        MemberId bob = MemberId.of("bob-7731");
        program.enrol(bob, LoyaltyProgramTest.T0);
        program.purchase(bob, LoyaltyProgramTest.basket(), LoyaltyProgramTest.T0, IdempotencyKey.of("order-1"));

        Throwable t = catchThrowable(() -> program.purchase(LoyaltyProgramTest.ANN, LoyaltyProgramTest.basket(),
                LoyaltyProgramTest.T0, IdempotencyKey.of("order-1")));
        assertThat(t).isInstanceOf(IdempotencyConflictException.class)
                .hasMessage("idempotency key 'order-1' was first used for a request with another member; reuse a key"
                        + " only to retry the same request");
        assertThat(t.getMessage()).doesNotContain("bob", "BasketLine");
    }
}
