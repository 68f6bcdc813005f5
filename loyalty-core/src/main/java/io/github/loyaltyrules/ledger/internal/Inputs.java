package io.github.loyaltyrules.ledger.internal;

import java.util.Map;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.Period;

/**
 * Checks of caller input shared by the packages of loyalty-core and by loyalty-rules: the business
 * times the library supports, and how a caller's value is shown in an exception message (never
 * more than about {@value #SHOWN} characters of it, so that a message stays short whatever the
 * input, a megabyte id or a number of a billion digits, and without characters that would garble
 * a log line). Not API.
 *
 * @since 0.1.0
 */
public final class Inputs {

    /** Most characters of a caller's text (or digits of a number) a message shows. */
    public static final int SHOWN = 64;

    /**
     * Multipliers (of a tier, of a rule) must be below 10 to this power: far beyond any real one,
     * and small enough that multiplying a {@code long} of points by it stays cheap.
     */
    public static final int FACTOR_DIGITS = 18;

    /** The earliest business time: the start of year 1 in UTC. */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    /** The latest business time: the end of year 9999 in UTC. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** Longest period (hold, expiry term, inactivity, grace, horizon) in years: as long as 1200 calendar periods. */
    public static final int MAX_PERIOD_YEARS = 1200;

    private static final String MORE = "...";

    private Inputs() {
    }

    /**
     * Checks a business time: years 1 to 9999 in UTC, which every zone can turn into a date and
     * back, with room for expiry terms and windows after it, and which every store can keep.
     *
     * @param at the business time
     * @param name how the caller calls it, e.g. {@code "at"}
     * @return {@code at}
     * @throws NullPointerException if {@code at} is null
     * @throws InvalidRequestException if {@code at} is before {@link #EARLIEST} or after {@link #LATEST}
     */
    public static Instant businessTime(Instant at, String name) {
        if (at == null) {
            throw new NullPointerException(name + " must not be null");
        }
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw new InvalidRequestException(name + " " + at + " is not a supported business time; expected "
                    + EARLIEST + " to " + LATEST + " (years 1 to 9999)");
        }
        return at;
    }

    /**
     * Whether a period is longer than {@value #MAX_PERIOD_YEARS} years (in its months, or in its days):
     * added to a business time, a period of a billion years leaves what java.time can represent.
     *
     * @param p the period
     * @return true if it is too long
     */
    public static boolean tooLong(Period p) {
        return p.toTotalMonths() > MAX_PERIOD_YEARS * 12L || p.getDays() > MAX_PERIOD_YEARS * 366L;
    }

    /**
     * Returns text as a message shows it: at most {@value #SHOWN} characters, then {@code "..."}
     * if there was more; control, bidi-format and unpaired surrogate characters each shown as {@code ?}.
     *
     * @param text the caller's text
     * @return the text to put in a message
     */
    public static String shown(CharSequence text) {
        int n = text.length();
        StringBuilder sb = new StringBuilder(Math.min(n, SHOWN) + 24);
        int i = 0;
        while (i < n && sb.length() < SHOWN) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                sb.append(c).append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            sb.append(Character.isSurrogate(c) || Character.isISOControl(c) || isBidiControl(c) ? '?' : c);
            i++;
        }
        if (i < n) {
            sb.append(MORE);
        }
        return sb.toString();
    }

    /**
     * Returns a number as a message shows it: its plain digits when they are few, else in
     * scientific notation ({@code 1E+999999999}), its digits cut to the first half of
     * {@value #SHOWN} followed by {@code "..."}; never the expansion of a large exponent.
     *
     * @param value the caller's number
     * @return the text to put in a message
     */
    public static String shown(BigDecimal value) {
        int precision = value.precision();
        long scale = value.scale();
        // the length of toPlainString, without building it
        long plain = scale <= 0 ? precision - scale : Math.max(precision, scale + 1) + 1;
        if (plain <= SHOWN) {
            return value.toPlainString();
        }
        if (precision <= SHOWN / 2) {
            return value.toString();
        }
        // the leading digits and the exponent, worked out in a long: rounding could overflow the int scale
        String digits = value.unscaledValue().abs().toString();
        long exponent = (long) digits.length() - scale - 1;
        return (value.signum() < 0 ? "-" : "") + digits.charAt(0) + "." + digits.substring(1, SHOWN / 2) + MORE + "E"
                + (exponent < 0 ? "" : "+") + exponent;
    }

    /**
     * Whether a multiplier is {@code 10^}{@value #FACTOR_DIGITS} or more: such a factor (say
     * {@code 1E+999999999}) would make multiplying points by it build a number of as many digits.
     *
     * @param factor the multiplier
     * @return true if it is too large
     */
    public static boolean tooLargeFactor(BigDecimal factor) {
        return (long) factor.precision() - factor.scale() > FACTOR_DIGITS;
    }

    /**
     * Finds the first character an identifier must not hold: an unpaired surrogate (two ids that
     * differ only there could become one in a UTF-8 database), a control character (C0, DEL or C1)
     * or a bidi control character (which makes an id display as another).
     *
     * @param text the identifier
     * @return what and where, e.g. {@code "control character U+0007 at index 3"}; null if there is none
     */
    public static String unsafeCharacter(CharSequence text) {
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "unpaired surrogate " + codePoint(c) + " at index " + i;
            } else if (Character.isISOControl(c)) {
                return "control character " + codePoint(c) + " at index " + i;
            } else if (isBidiControl(c)) {
                return "bidi control character " + codePoint(c) + " at index " + i;
            }
        }
        return null;
    }

    private static String codePoint(char c) {
        String hex = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return "U+" + "0000".substring(hex.length()) + hex;
    }

    /**
     * Whether a character overrides the direction of the text around it: the embeddings,
     * overrides and isolates U+202A to U+202E and U+2066 to U+2069 (not the marks U+200E, U+200F
     * and U+061C, which right-to-left names use and which cannot reorder what follows them).
     *
     * @param c the character
     * @return true for a bidi control character
     */
    public static boolean isBidiControl(int c) {
        return c >= 0x202A && c <= 0x202E || c >= 0x2066 && c <= 0x2069;
    }

    /**
     * Shows a map of personal attributes in a {@code toString} or a message by its keys only: the
     * keys say what is held ("email", "phone"), the values are the member's and never shown.
     *
     * @param attributes the attributes
     * @return e.g. {@code [email, phone]}
     */
    public static String keysOnly(Map<String, ?> attributes) {
        return new java.util.TreeSet<>(attributes.keySet()).toString();
    }

    /**
     * Shows whether a personal value is held, without the value.
     *
     * @param value the value, or null
     * @return {@code "hidden"} or {@code "none"}
     */
    public static String hidden(Object value) {
        return value == null ? "none" : "hidden";
    }

    /**
     * Shows how long a free text is (a reason, a note), without the text, which may hold personal data.
     *
     * @param text the text, or null
     * @return e.g. {@code "<12 chars>"}, or {@code "none"}
     */
    public static String freeText(String text) {
        return text == null ? "none" : "<" + text.length() + " chars>";
    }
}
