package io.github.loyaltyrules.ledger;

import java.time.Instant;

/**
 * The canonical texts of posting requests (their fingerprints), compared when an idempotency key
 * is replayed. The ledger builds them for new requests; a {@link Posting} derives the simple ones
 * and full reversals from its own parts, so that it need not keep the text. They are built on
 * every posting, so instants are written without the formatter machinery of {@code java.time}.
 */
final class Fingerprints {

    /** 0000-01-01T00:00:00Z and 10000-01-01T00:00:00Z: the years that print as four digits. */
    private static final long MIN_FAST = -62_167_219_200L;
    private static final long MAX_FAST = 253_402_300_800L;
    private static final String[] ZEROS = {"", "0", "00", "000"};

    private Fingerprints() {
    }

    /**
     * The canonical text of a request, compared when its key is replayed: the simple shape from
     * {@link #simpleFingerprint}, every other from {@link #fingerprintText}.
     */
    static String fingerprint(PostingType type, MemberId member, MemberId counterparty, Points amount,
            Instant at, String reason, IdempotencyKey target, String extra) {
        if (counterparty == null && target == null && extra == null && amount != null) {
            return simpleFingerprint(type, member, amount.minorUnits(), amount.currency().code(), at, reason);
        }
        return fingerprintText(type, member, counterparty, amount, at, reason, target, extra);
    }

    /**
     * The fingerprint of a request with an amount and no counterparty, target or extra (an earn, a
     * redeem, an adjustment): what {@link #fingerprint} gives for it, from the parts a
     * {@link Posting} keeps, so that the posting need not keep the text.
     */
    static String simpleFingerprint(PostingType type, MemberId member, long minorUnits, String currency, Instant at,
            String reason) {
        long s = at.getEpochSecond();
        if (at.getNano() == 0 && fourDigitYear(s)) {
            // the usual earn or redeem: one exactly sized string, nothing else allocated
            long ymd = civilDate(Math.floorDiv(s, 86_400L));
            int year = (int) (ymd / 10_000);
            int month = (int) (ymd / 100 % 100);
            int day = (int) (ymd % 100);
            int secs = (int) Math.floorMod(s, 86_400L);
            int hour = secs / 3600;
            int minute = secs / 60 % 60;
            int second = secs % 60;
            return type.name() + " for member " + member.value() + " of " + minorUnits + " "
                    + currency + " at " + pad(year, 4) + year + "-" + pad(month, 2) + month
                    + "-" + pad(day, 2) + day + "T" + pad(hour, 2) + hour + ":" + pad(minute, 2)
                    + minute + ":" + pad(second, 2) + second + "Z (" + reason + ")";
        }
        StringBuilder sb = new StringBuilder(64 + member.value().length() + reason.length())
                .append(type).append(" for member ").append(member)
                .append(" of ").append(minorUnits).append(' ').append(currency);
        return appendInstant(sb.append(" at "), at).append(" (").append(reason).append(')').toString();
    }

    /**
     * The fingerprint of a request to reverse all that is left of {@code target}: what
     * {@link #fingerprint} gives for it, from the parts a {@link Posting} keeps.
     */
    static String fullReversalFingerprint(MemberId member, Instant at, String reason, IdempotencyKey target) {
        return fingerprintText(PostingType.REVERSAL, member, null, null, at, reason, target, "all");
    }

    /** {@link #fingerprint} built step by step, for every shape of request. */
    static String fingerprintText(PostingType type, MemberId member, MemberId counterparty, Points amount,
            Instant at, String reason, IdempotencyKey target, String extra) {
        StringBuilder sb = new StringBuilder(64 + member.value().length() + reason.length()
                + (extra == null ? 0 : extra.length()) + (target == null ? 0 : target.value().length()))
                .append(type).append(" for member ").append(member);
        if (counterparty != null) {
            sb.append(" to ").append(counterparty);
        }
        if (amount != null) {
            sb.append(" of ").append(amount.minorUnits()).append(' ').append(amount.currency().code());
        }
        if (target != null) {
            sb.append(" on '").append(target).append('\'');
        }
        if (extra != null) {
            sb.append(" [").append(extra).append(']');
        }
        return appendInstant(sb.append(" at "), at).append(" (").append(reason).append(')').toString();
    }

    // ------------------------------------------------------------------ instants as text, without java.time's formatter

    /** Whether the instant, in epoch seconds, falls in years 0 to 9999, which print as four digits. */
    static boolean fourDigitYear(long epochSecond) {
        return epochSecond >= MIN_FAST && epochSecond < MAX_FAST;
    }

    /** The date of a day since 1970-01-01 (proleptic Gregorian) as {@code year * 10000 + month * 100 + day}. */
    static long civilDate(long days) {
        // eras of 400 years from 0000-03-01
        long z = days + 719_468L;
        long era = Math.floorDiv(z, 146_097L);
        long doe = z - era * 146_097L;
        long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        long day = doy - (153 * mp + 2) / 5 + 1;
        long month = mp < 10 ? mp + 3 : mp - 9;
        long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
        return year * 10_000 + month * 100 + day;
    }

    /** The zeros that pad a number from 0 to 9999 to {@code width} digits: a constant, never a new string. */
    static String pad(int value, int width) {
        int digits = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : 4;
        return width <= digits ? "" : ZEROS[width - digits];
    }

    /**
     * Appends exactly what {@link Instant#toString()} gives (ISO-8601 in UTC, seconds always, the
     * fraction in groups of three digits only when not zero), for years 0 to 9999 without going
     * through a {@code DateTimeFormatter}; other years are left to {@code toString}.
     */
    static StringBuilder appendInstant(StringBuilder sb, Instant t) {
        long s = t.getEpochSecond();
        if (!fourDigitYear(s)) {
            return sb.append(t);
        }
        long days = Math.floorDiv(s, 86_400L);
        int secs = (int) (s - days * 86_400L);
        long ymd = civilDate(days);
        digits(sb, (int) (ymd / 10_000), 4).append('-');
        digits(sb, (int) (ymd / 100 % 100), 2).append('-');
        digits(sb, (int) (ymd % 100), 2).append('T');
        digits(sb, secs / 3600, 2).append(':');
        digits(sb, secs / 60 % 60, 2).append(':');
        digits(sb, secs % 60, 2);
        int nano = t.getNano();
        if (nano != 0) {
            sb.append('.');
            if (nano % 1_000_000 == 0) {
                digits(sb, nano / 1_000_000, 3);
            } else if (nano % 1000 == 0) {
                digits(sb, nano / 1000, 6);
            } else {
                digits(sb, nano, 9);
            }
        }
        return sb.append('Z');
    }

    private static StringBuilder digits(StringBuilder sb, int value, int width) {
        for (int pow = 1, w = 1; w < width; w++) {
            pow *= 10;
            if (value < pow) {
                sb.append('0');
            }
        }
        return sb.append(value);
    }
}
