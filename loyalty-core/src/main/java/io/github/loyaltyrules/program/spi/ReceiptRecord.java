package io.github.loyaltyrules.program.spi;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.rule.Activity;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the program stores for a caller key of a purchase, event, return or reward redemption: the
 * request (to tell a retry from a reused key), the award lines (to give a replay an equal receipt and
 * to claw a purchase back), and for a purchase the member as the rules saw them (to evaluate a kept
 * basket again). Ledger postings are not stored: they are in the ledger under keys derived from the
 * caller key. Stored once per key (a keyed insert) and never changed.
 *
 * @param kind what the key was used for
 * @param key the caller's key
 * @param member the member
 * @param programVersion the id of the program version that computed the awards
 * @param at the business time
 * @param activity the purchase or event; null for a return or reward
 * @param original the key of the purchase a return returns; null otherwise
 * @param units the units returned per line id; empty unless a return, or a reward redeemed in more than one
 *        unit ({@value #QUANTITY} to the units)
 * @param rewardId the reward redeemed; null unless a reward
 * @param profile the member as the rules saw them; for a purchase, else null
 * @param awards the award lines (clawed-back lines for a return); empty for a reward
 * @param tierReturns for a return, the qualifying activity it takes back per metric ({@code KIND:key}); else empty
 * @param refunds for a return, the points it gives back per redemption tied to the purchase (by the redemption's
 *        key, in key order; each positive); else empty
 *
 * @since 0.1.0
 */
public record ReceiptRecord(Kind kind, IdempotencyKey key, MemberId member, String programVersion, Instant at,
        Activity activity, IdempotencyKey original, Map<String, Long> units, String rewardId, MemberProfile profile,
        List<Award> awards, Map<String, Long> tierReturns, Map<String, Long> refunds) {

    /** What a caller key was used for. */
    public enum Kind {
        /** A purchase. */
        PURCHASE,
        /** A non-purchase event. */
        EVENT,
        /** The return of part of a purchase. */
        RETURN,
        /** A reward redemption. */
        REWARD
    }

    /**
     * Validates and copies the record.
     *
     * @throws NullPointerException if a field the kind needs is null
     * @throws IllegalArgumentException if a field the kind does not have is set, or the activity does not fit the kind
     */
    public ReceiptRecord {
        Objects.requireNonNull(kind, "kind must not be null");
        Objects.requireNonNull(key, "key must not be null");
        Objects.requireNonNull(member, "member must not be null");
        Objects.requireNonNull(programVersion, "program version must not be null");
        Objects.requireNonNull(at, "at must not be null");
        units = Map.copyOf(units);
        awards = List.copyOf(awards);
        tierReturns = Map.copyOf(tierReturns);
        refunds = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(refunds));
        for (long n : refunds.values()) {
            if (n <= 0) {
                throw new IllegalArgumentException("a return of key '" + key + "' gives back positive amounts; got " + n);
            }
        }
        boolean ok = switch (kind) {
            case PURCHASE -> activity instanceof Purchase && profile != null && original == null && rewardId == null;
            case EVENT -> activity instanceof MemberEvent && profile == null && original == null && rewardId == null;
            case RETURN -> activity == null && original != null && !units.isEmpty() && rewardId == null
                    && profile == null;
            case REWARD -> activity == null && original == null && rewardId != null && profile == null
                    && awards.isEmpty();
        };
        boolean rewardUnits = kind == Kind.REWARD && units.size() == 1 && units.getOrDefault(QUANTITY, 0L) > 1;
        if (!ok || (kind != Kind.RETURN && ((!units.isEmpty() && !rewardUnits) || !tierReturns.isEmpty()
                || !refunds.isEmpty()))) {
            throw new IllegalArgumentException("a " + kind + " record of key '" + key + "' has fields of another kind:"
                    + " a purchase has a purchase and a profile, an event an event, a return the original key and"
                    + " units, a reward a reward id");
        }
    }

    /**
     * Creates a record that gives back no spent points.
     *
     * @param kind what the key was used for
     * @param key the caller's key
     * @param member the member
     * @param programVersion the id of the program version that computed the awards
     * @param at the business time
     * @param activity the purchase or event; null for a return or reward
     * @param original the key of the purchase a return returns; null otherwise
     * @param units the units returned per line id; empty unless a return
     * @param rewardId the reward redeemed; null unless a reward
     * @param profile the member as the rules saw them; for a purchase, else null
     * @param awards the award lines (clawed-back lines for a return); empty for a reward
     * @param tierReturns for a return, the qualifying activity it takes back per metric; else empty
     * @throws NullPointerException if a field the kind needs is null
     * @throws IllegalArgumentException if a field the kind does not have is set, or the activity does not fit the kind
     */
    public ReceiptRecord(Kind kind, IdempotencyKey key, MemberId member, String programVersion, Instant at,
            Activity activity, IdempotencyKey original, Map<String, Long> units, String rewardId, MemberProfile profile,
            List<Award> awards, Map<String, Long> tierReturns) {
        this(kind, key, member, programVersion, at, activity, original, units, rewardId, profile, awards, tierReturns,
                Map.of());
    }

    /**
     * Returns a copy of a return's record that gives back points spent on the purchase.
     *
     * @param given the points given back per tied redemption's key; each positive
     * @return the copy
     * @throws NullPointerException if {@code given} is null
     * @throws IllegalArgumentException if this is not a return's record, or an amount is not positive
     */
    public ReceiptRecord withRefunds(Map<String, Long> given) {
        return new ReceiptRecord(kind, key, member, programVersion, at, activity, original, units, rewardId, profile,
                awards, tierReturns, given);
    }

    /**
     * Returns the record of a purchase.
     *
     * @param key the caller's key
     * @param programVersion the version id
     * @param at the business time
     * @param purchase the basket
     * @param profile the member as the rules saw them
     * @param awards the awards
     * @return the record
     * @throws NullPointerException if an argument is null
     */
    public static ReceiptRecord purchase(IdempotencyKey key, String programVersion, Instant at, Purchase purchase,
            MemberProfile profile, List<Award> awards) {
        return new ReceiptRecord(Kind.PURCHASE, key, profile.id(), programVersion, at, purchase, null, Map.of(), null,
                profile, awards, Map.of());
    }

    /**
     * Returns the record of a non-purchase event.
     *
     * @param key the caller's key
     * @param member the member
     * @param programVersion the version id
     * @param at the business time
     * @param event the event
     * @param awards the awards
     * @return the record
     * @throws NullPointerException if an argument is null
     */
    public static ReceiptRecord event(IdempotencyKey key, MemberId member, String programVersion, Instant at,
            MemberEvent event, List<Award> awards) {
        return new ReceiptRecord(Kind.EVENT, key, member, programVersion, at, Objects.requireNonNull(event), null,
                Map.of(), null, null, awards, Map.of());
    }

    /**
     * Returns the record of a return.
     *
     * @param key the return's key
     * @param member the member
     * @param programVersion the version id of the purchase
     * @param at the business time
     * @param original the purchase's key
     * @param units units returned per line id
     * @param clawed the clawed-back award lines
     * @param tierReturns qualifying activity taken back per metric
     * @return the record
     * @throws NullPointerException if an argument is null
     */
    public static ReceiptRecord ofReturn(IdempotencyKey key, MemberId member, String programVersion, Instant at,
            IdempotencyKey original, Map<String, Long> units, List<Award> clawed, Map<String, Long> tierReturns) {
        return new ReceiptRecord(Kind.RETURN, key, member, programVersion, at, null,
                Objects.requireNonNull(original, "original must not be null"), units, null, null, clawed, tierReturns);
    }

    /**
     * Returns the record of a reward redemption, stored before the ledger posts it so that a retry on any
     * server completes it without counting it twice against the reward's limit.
     *
     * @param key the caller's key
     * @param member the member
     * @param programVersion the version id
     * @param at the business time
     * @param rewardId the reward
     * @return the record
     * @throws NullPointerException if an argument is null
     */
    public static ReceiptRecord reward(IdempotencyKey key, MemberId member, String programVersion, Instant at,
            String rewardId) {
        return reward(key, member, programVersion, at, rewardId, 1);
    }

    /**
     * Returns the record of a redemption of some units of a reward (see {@link #reward(IdempotencyKey,
     * MemberId, String, Instant, String)}); the quantity is kept in {@link #units()} under
     * {@value #QUANTITY} when above 1.
     *
     * @param key the caller's key
     * @param member the member
     * @param programVersion the version id
     * @param at the business time
     * @param rewardId the reward
     * @param quantity the units redeemed; positive
     * @return the record
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code quantity} is not positive
     */
    public static ReceiptRecord reward(IdempotencyKey key, MemberId member, String programVersion, Instant at,
            String rewardId, long quantity) {
        return new ReceiptRecord(Kind.REWARD, key, member, programVersion, at, null, null,
                quantity == 1 ? Map.of() : Map.of(QUANTITY, quantity),
                Objects.requireNonNull(rewardId, "reward id must not be null"), null, List.of(), Map.of());
    }

    /** The name a reward record's quantity is kept under in {@link #units()}. */
    public static final String QUANTITY = "quantity";

    /**
     * Returns the units a reward redemption took: 1 unless the record says more.
     *
     * @return the quantity; 0 unless this is a reward's record
     */
    public long quantity() {
        return kind != Kind.REWARD ? 0 : units.getOrDefault(QUANTITY, 1L);
    }

    /**
     * Tells whether the record holds personal data: for a purchase, a copy of the member's tags,
     * attributes or birthday (as the rules saw them); for an event, its attributes (free text such as
     * a review). Other records hold none: the basket, awards, units and keys are the program's.
     *
     * @return true if {@link #withoutPersonalData()} would change the record
     */
    public boolean holdsPersonalData() {
        return switch (kind) {
            case PURCHASE -> !profile.tags().isEmpty() || !profile.attributes().isEmpty() || profile.birthday() != null;
            case EVENT -> !((MemberEvent) activity).attributes().isEmpty();
            default -> false;
        };
    }

    /**
     * Returns this record without personal data (see {@link #holdsPersonalData()}): a purchase keeps
     * the member's tier, benefits and purchase count as the rules saw them but loses the tags,
     * attributes and birthday; an event keeps its type and loses its attributes. A return of the
     * purchase later is evaluated with what is left, so drop them only after the return window.
     *
     * @return the record without personal data; this record if it holds none
     */
    public ReceiptRecord withoutPersonalData() {
        return holdsPersonalData() ? movedTo(member) : this;
    }

    /**
     * Returns this record moved to a pseudonym and without personal data, for the erasure of the
     * member (see {@link #withoutPersonalData()}).
     *
     * @param pseudonym the id the record moves to
     * @return the moved record
     * @throws NullPointerException if {@code pseudonym} is null
     */
    public ReceiptRecord pseudonymised(MemberId pseudonym) {
        return movedTo(Objects.requireNonNull(pseudonym, "pseudonym must not be null"));
    }

    private ReceiptRecord movedTo(MemberId to) {
        Activity a = activity instanceof MemberEvent e ? new MemberEvent(e.type(), Map.of()) : activity;
        MemberProfile p = profile == null ? null : new MemberProfile(to, profile.tier(), java.util.Set.of(), Map.of(),
                null, profile.purchasesSoFar(), profile.tierMultiplier(), profile.perks(), profile.badges());
        return new ReceiptRecord(kind, key, to, programVersion, at, a, original, units, rewardId, p, awards,
                tierReturns, refunds);
    }
}
