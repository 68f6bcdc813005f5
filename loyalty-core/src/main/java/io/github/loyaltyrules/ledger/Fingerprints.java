package io.github.loyaltyrules.ledger;

import java.time.Instant;

/**
 * The canonical texts of posting requests (their fingerprints), compared when an idempotency key
 * is replayed. The ledger builds them for new requests; a {@link Posting} derives the simple ones
 * and full reversals from its own parts, so that it need not keep the text.
 */
final class Fingerprints {

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
        if (at.getNano() == 0 && Texts.fourDigitYear(s)) {
            // the usual earn or redeem: one exactly sized string, nothing else allocated
            long ymd = Texts.civilDate(Math.floorDiv(s, 86_400L));
            int year = (int) (ymd / 10_000);
            int month = (int) (ymd / 100 % 100);
            int day = (int) (ymd % 100);
            int secs = (int) Math.floorMod(s, 86_400L);
            int hour = secs / 3600;
            int minute = secs / 60 % 60;
            int second = secs % 60;
            return type.name() + " for member " + member.value() + " of " + minorUnits + " "
                    + currency + " at " + Texts.pad(year, 4) + year + "-" + Texts.pad(month, 2) + month
                    + "-" + Texts.pad(day, 2) + day + "T" + Texts.pad(hour, 2) + hour + ":" + Texts.pad(minute, 2)
                    + minute + ":" + Texts.pad(second, 2) + second + "Z (" + reason + ")";
        }
        StringBuilder sb = new StringBuilder(64 + member.value().length() + reason.length())
                .append(type).append(" for member ").append(member)
                .append(" of ").append(minorUnits).append(' ').append(currency);
        return Texts.appendInstant(sb.append(" at "), at).append(" (").append(reason).append(')').toString();
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
        return Texts.appendInstant(sb.append(" at "), at).append(" (").append(reason).append(')').toString();
    }
}
