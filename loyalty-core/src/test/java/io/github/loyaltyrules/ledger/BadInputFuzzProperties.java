package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Random amount texts, ids and keys, hostile or not: the factories and the ledger either accept
 * them or throw the library's own exception with a short message, within a time bound, and a
 * refused posting changes nothing.
 */
class BadInputFuzzProperties {

    static final Duration BOUND = Duration.ofSeconds(2);
    static final int LONGEST_MESSAGE = 300;
    static final ZoneId ZONE = ZoneId.of("Pacific/Kiritimati"); // UTC+14: the zone furthest from UTC
    static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    static final List<PointCurrency> CURRENCIES = List.of(PointCurrency.of("PTS", "Points", 0),
            PointCurrency.of("CASH", "Cash", 2), PointCurrency.of("FINE", "Fine", PointCurrency.MAX_DECIMAL_PLACES));

    /** Runs one try in the time bound (in a thread of its own, so that a hang fails the try and goes no further). */
    static void bounded(Runnable body) {
        assertTimeoutPreemptively(BOUND, body::run);
    }

    /** A call's result, or the exception it threw, which must be the library's with a short message. */
    static Object onlyDocumented(Supplier<?> call) {
        try {
            return call.get();
        } catch (RuntimeException | Error e) {
            assertThat(e).as("thrown").isInstanceOf(LoyaltyException.class);
            assertThat(e.getMessage()).as("message").hasSizeLessThanOrEqualTo(LONGEST_MESSAGE);
            return e;
        }
    }

    @Property(tries = 1000)
    void amountTextsGiveAnAmountOrTheLibrarysException(@ForAll("amountTexts") String text,
            @ForAll("moneyCodes") String code) {
        bounded(() -> amounts(text, code));
    }

    private static void amounts(String text, String code) {
        for (PointCurrency c : CURRENCIES) {
            if (onlyDocumented(() -> Points.parse(c, text)) instanceof Points p) {
                assertThat(p.minorUnits()).isNotNegative();
            }
        }
        if (onlyDocumented(() -> Money.of(text, code)) instanceof Money m) {
            assertThat(m.amount().precision() - m.amount().scale()).isLessThanOrEqualTo(Money.MAX_DIGITS);
        }
    }

    @Property(tries = 1000)
    void idsAndKeysAreSafeOrRefused(@ForAll("idTexts") String text) {
        bounded(() -> ids(text));
    }

    private static void ids(String text) {
        if (onlyDocumented(() -> MemberId.of(text)) instanceof MemberId id) {
            assertThat(id.value()).hasSizeLessThanOrEqualTo(MemberId.MAX_LENGTH).isNotBlank();
            assertThat(safe(id.value())).as("safe characters only").isTrue();
        }
        if (onlyDocumented(() -> IdempotencyKey.of(text)) instanceof IdempotencyKey key) {
            assertThat(key.value()).hasSizeLessThanOrEqualTo(IdempotencyKey.MAX_LENGTH).isNotBlank();
            assertThat(safe(key.value())).as("safe characters only").isTrue();
        }
    }

    /** Paired surrogates only, no C0, DEL or C1 controls, no bidi embeddings, overrides or isolates. */
    static boolean safe(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
                continue;
            }
            if (Character.isSurrogate(c) || c < 0x20 || c >= 0x7F && c <= 0x9F || c >= 0x202A && c <= 0x202E
                    || c >= 0x2066 && c <= 0x2069) {
                return false;
            }
        }
        return true;
    }

    @Property(tries = 1000)
    void aRefusedPostingChangesNothing(@ForAll("memberTexts") String member, @ForAll("amountTexts") String amount,
            @ForAll("times") Instant at, @ForAll("keyTexts") String key, @ForAll boolean redeem) {
        PointCurrency pts = CURRENCIES.get(0);
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(T0, ZONE)).currency(pts).build();
        MemberId ann = MemberId.of("ann");
        ledger.enrol(ann, T0.minusSeconds(86_400));
        ledger.earn(ann, pts.points(100), T0.minusSeconds(3600), IdempotencyKey.of("first"), "purchase");
        Map<String, Object> before = snapshot(ledger, ann, pts);
        bounded(() -> {
            Object posted = onlyDocumented(() -> {
                MemberId m = MemberId.of(member);
                Points p = Points.parse(pts, amount);
                IdempotencyKey k = IdempotencyKey.of(key);
                return redeem ? ledger.redeem(m, p, at, k, "fuzz") : ledger.earn(m, p, at, k, "fuzz");
            });
            if (posted instanceof Throwable) {
                assertThat(snapshot(ledger, ann, pts)).as("a refused posting changes nothing").isEqualTo(before);
            }
        });
    }

    static Map<String, Object> snapshot(Ledger ledger, MemberId m, PointCurrency c) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("account", ledger.account(m));
        s.put("balance", ledger.balance(m, c));
        s.put("lots", ledger.lots(m, c));
        s.put("statement", ledger.statement(m));
        s.put("members", ledger.members(null, 10));
        return s;
    }

    @Provide
    Arbitrary<String> amountTexts() {
        Arbitrary<String> sign = Arbitraries.of("", "", "-", "+", " ", "\t");
        Arbitrary<String> digits = Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(30);
        Arbitrary<String> manyDigits = Arbitraries.strings().numeric().ofMinLength(90).ofMaxLength(130);
        Arbitrary<String> exponent = Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.just(""),
                Combinators.combine(Arbitraries.of("e", "E"), Arbitraries.of("", "+", "-"),
                        Arbitraries.of("0", "1", "2", "18", "19", "20", "99", "999999999", "1000000000", "2147483647",
                                "2147483648", "9223372036854775807", "99999999999999999999"))
                        .as((e, s, n) -> e + s + n));
        Arbitrary<String> numbers = Combinators.combine(sign, Arbitraries.oneOf(digits, manyDigits),
                Arbitraries.of("", "", ".", "."), digits, exponent).as((s, i, dot, f, e) -> s + i + dot + f + e);
        Arbitrary<String> edges = Arbitraries.of("1e999999999", "1e-999999999", "-1e999999999", "1E+2147483647",
                "1e-2147483648", "0e999999999", "0.0e-999999999", "NaN", "Infinity", "-0", "", " ", ".", "e5", "1e",
                "9223372036854775807", "9223372036854775808", "92233720368547758.08", "\u0661\u0662", "１２",
                "9".repeat(1_000_000), "1" + "0".repeat(99), "0." + "0".repeat(98) + "1");
        return Arbitraries.frequencyOf(Tuple.of(6, numbers), Tuple.of(2, edges),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(120)));
    }

    @Provide
    Arbitrary<String> moneyCodes() {
        return Arbitraries.oneOf(Arbitraries.of("EUR", "JPY", "BHD", "XXX", "XAU", "eur", "", "EURO"),
                Arbitraries.strings().all().ofMaxLength(5));
    }

    /** Letters, digits, punctuation and every kind of character an id must not hold, in any mix. */
    static Arbitrary<String> hostileText(int maxLength) {
        Arbitrary<Character> special = Arbitraries.of('\u0000', '\t', '\n', '\u001F', '\u007F', '\u0080', '\u0085',
                '\u009F', '\u202A', '\u202E', '\u2066', '\u2069', '\u200F', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', ' ',
                '~', '\uFFFD', '\uFEFF');
        Arbitrary<Character> plain = Arbitraries.chars().alpha().numeric().with('-', '_', '.', '@', ':', '/');
        Arbitrary<Character> any = Arbitraries.frequencyOf(Tuple.of(8, plain), Tuple.of(2, special),
                Tuple.of(1, Arbitraries.chars()));
        Arbitrary<String> emoji = Arbitraries.of("\uD83D\uDE00", "\u4F1A\u5458", "Zo\u00EB", "\u05D0\u05D1");
        return Arbitraries.oneOf(any.list().ofMaxSize(maxLength).map(BadInputFuzzProperties::join),
                Combinators.combine(any.list().ofMaxSize(20).map(BadInputFuzzProperties::join), emoji,
                        any.list().ofMaxSize(20).map(BadInputFuzzProperties::join)).as((a, e, b) -> a + e + b),
                Arbitraries.strings().all().ofMaxLength(maxLength),
                Arbitraries.of(" ".repeat(1_000_000), "x".repeat(1_000_000), "~" + "x".repeat(300), ""));
    }

    static String join(List<Character> chars) {
        StringBuilder sb = new StringBuilder(chars.size());
        chars.forEach(sb::append);
        return sb.toString();
    }

    @Provide
    Arbitrary<String> idTexts() {
        return hostileText(260);
    }

    @Provide
    Arbitrary<String> memberTexts() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just("ann")), Tuple.of(1, hostileText(140)));
    }

    @Provide
    Arbitrary<String> keyTexts() {
        return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just("first")), Tuple.of(2, Arbitraries.just("new")),
                Tuple.of(1, hostileText(220)));
    }

    @Provide
    Arbitrary<Instant> times() {
        Arbitrary<Instant> near = Arbitraries.longs().between(-86_400L * 800, 86_400L * 30).map(T0::plusSeconds);
        Arbitrary<Instant> anywhere = Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond())
                .map(Instant::ofEpochSecond);
        return Arbitraries.frequencyOf(Tuple.of(6, near), Tuple.of(2, anywhere),
                Tuple.of(1, Arbitraries.of(Instant.MAX, Instant.MIN, Instant.parse("+10000-01-01T00:00:00Z"),
                        Instant.parse("0000-12-31T23:59:59Z"), Instant.parse("9999-12-31T23:59:59.999999999Z"))));
    }
}
