package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.loyaltyrules.program.Reward;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.tier.InvalidLadderException;
import io.github.loyaltyrules.tier.Tier;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Ids refuse unpaired surrogates (two ids differing only there could become one in a UTF-8
 * database), control characters (C0, DEL, C1) and bidi overrides and isolates (an id that displays
 * as another), naming the code point and its index rather than printing the id.
 */
class UnsafeIdCharactersTest {

    static final String SECRET = "ann.smith@example.com-";

    static void refused(Function<String, Object> factory, String id, String what) {
        Throwable t = catchThrowable(() -> factory.apply(id));
        assertThat(t).as("%s in %s", what, id.codePoints().mapToObj(Integer::toHexString).toList())
                .isInstanceOf(LoyaltyException.class).hasMessageContaining(what);
        assertThat(t.getMessage()).doesNotContain(SECRET).hasSizeLessThan(300);
    }

    static void idRules(Function<String, Object> factory) {
        refused(factory, SECRET + "\uD800", "unpaired surrogate U+D800 at index 22");
        refused(factory, SECRET + "\uDC00x", "unpaired surrogate U+DC00 at index 22");
        refused(factory, SECRET + "\uDBFF\uDBFF\uDC00", "unpaired surrogate U+DBFF at index 22");
        for (char c : new char[] {'\u0000', '\t', '\n', '\u001F', '\u007F', '\u0080', '\u0085', '\u009F'}) {
            refused(factory, SECRET + c, "control character U+00" + String.format("%02X", (int) c) + " at index 22");
        }
        for (char c = '\u202A'; c <= '\u202E'; c++) {
            refused(factory, SECRET + c + "x", "bidi control character U+" + Integer.toHexString(c).toUpperCase());
        }
        for (char c = '\u2066'; c <= '\u2069'; c++) {
            refused(factory, SECRET + c + "x", "bidi control character U+" + Integer.toHexString(c).toUpperCase());
        }
    }

    @Test
    void memberIdsAndKeysRefuseThem() {
        idRules(MemberId::of);
        idRules(IdempotencyKey::of);
        refused(MemberId::of, SECRET + "\u202E", "member id must not contain control, bidi control or unpaired"
                + " surrogate characters; got bidi control character U+202E at index 22");
        refused(v -> PointCurrency.of("PTS", v, 0), "Stars\u2066", "currency display name must not contain");
    }

    @Test
    void rewardIdsLineIdsSkusAndTierNamesRefuseThem() {
        Money one = Money.of("1.00", "EUR");
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0);
        idRules(v -> Reward.of(v, "Mug", pts.points(5)));
        idRules(v -> BasketLine.of(v, "SKU", "coffee", 1, one));
        idRules(v -> BasketLine.of("L1", v, "coffee", 1, one));
        Throwable tier = catchThrowable(() -> Tier.of("Gold\u202E"));
        assertThat(tier).isInstanceOf(InvalidLadderException.class)
                .hasMessageContaining("bidi control character U+202E at index 4");
    }

    @Test
    void textThatIsSafeIsKept() {
        for (String id : List.of("a\uD83D\uDE00b", "\u05D0\u05D1\u200F-7", "Zoë", "会员-42", "\uD83D\uDE00")) {
            assertThat(MemberId.of(id).value()).isEqualTo(id);
            assertThat(IdempotencyKey.of(id).value()).isEqualTo(id);
        }
    }

    @Test
    void messagesAboutLongIdsStayShort() {
        String blank = " ".repeat(1_000_000);
        String reserved = "~" + "x".repeat(1_000_000);
        for (Throwable t : List.of(catchThrowable(() -> MemberId.of(blank)), catchThrowable(() -> IdempotencyKey.of(blank)),
                catchThrowable(() -> IdempotencyKey.of(reserved)), catchThrowable(() -> MemberId.of("m".repeat(1_000_000))),
                catchThrowable(() -> Reward.of(blank, "Mug", PointCurrency.of("PTS", "Points", 0).points(5))),
                catchThrowable(() -> Tier.of("t".repeat(1_000_000))))) {
            assertThat(t).isInstanceOf(LoyaltyException.class);
            assertThat(t.getMessage()).hasSizeLessThan(300);
        }
    }
}
