package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the parts of a program share: the ledger, the program store, the running and installed
 * versions, the tier engine or lookup, and the monitors that serialise one member's calls in this
 * JVM; and the member as the rules see them.
 */
final class ProgramContext {

    /** The most characters the program appends to a caller's key: {@code #CURRENCY}, {@code #spend}, a counter's suffix. */
    static final int SUFFIX = 20;

    /** The longest caller key of a purchase, event or return: the program appends up to {@value #SUFFIX} characters. */
    static final int MAX_KEY = IdempotencyKey.MAX_LENGTH - SUFFIX;

    final Ledger ledger;
    final AtomicReference<ProgramVersion> version;
    final Map<String, ProgramVersion> versions = new ConcurrentHashMap<>();
    /**
     * Whether a version of the program's has a challenge that awards a badge: set when such a version is
     * added, so that a purchase reads a flag instead of going through every version's challenges.
     */
    private volatile boolean awardsBadges;
    final TierLookup tiers;
    final TierEngine tierEngine;
    final ProgramStore store;
    /** Where rewards' overall usage limits are counted. */
    final io.github.loyaltyrules.rule.Quotas quotas;
    /** Where the members' challenge progress is kept. */
    final io.github.loyaltyrules.engagement.spi.ChallengeStore challengeStore;
    /** Monitors that serialise one member's calls in this JVM (by stripe); the store serialises servers. */
    private final Object[] locks = new Object[256];

    ProgramContext(Ledger ledger, ProgramVersion version, TierLookup tiers, TierEngine tierEngine, ProgramStore store,
            io.github.loyaltyrules.rule.Quotas quotas, io.github.loyaltyrules.engagement.spi.ChallengeStore challengeStore) {
        this.ledger = ledger;
        this.challengeStore = challengeStore;
        this.quotas = quotas;
        this.version = new AtomicReference<>(version);
        add(version);
        this.tiers = tiers;
        this.tierEngine = tierEngine;
        this.store = store;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    /**
     * The member as rules see them at {@code at}: tier with its benefits, tags, attributes, counts, and
     * the badges held (read only when a version of the program's declares a badge).
     */
    MemberProfile profile(MemberId member, MemberRecord state, Instant at) {
        Set<String> badges = Set.of();
        if (awardsBadges) {
            badges = new java.util.TreeSet<>();
            for (io.github.loyaltyrules.engagement.Badge b : challengeStore.badges(member)) {
                badges.add(b.id());
            }
        }
        if (tierEngine != null) {
            MemberProfile profile = withTier(member, state.tags(), state.attributes(), state.birthday(),
                    state.purchases(), tierEngine.tierAt(member, at));
            return badges.isEmpty() ? profile : profile.withBadges(badges);
        }
        return new MemberProfile(member, tiers.tierOf(member, at).orElse(null), state.tags(), state.attributes(),
                state.birthday(), state.purchases()).withBadges(badges);
    }

    /** Adds an installed version, noting whether it awards badges; the caller holds {@link #versions}' lock or is the constructor. */
    void add(ProgramVersion v) {
        versions.put(v.id(), v);
        for (io.github.loyaltyrules.engagement.Challenge c : v.challenges().values()) {
            if (c.badge() != null) {
                awardsBadges = true;
            }
        }
    }

    /** A profile with the tier, its multiplier and its perks. */
    static MemberProfile withTier(MemberId member, java.util.Set<String> tags, Map<String, String> attributes,
            java.time.LocalDate birthday, long purchases, Tier tier) {
        return new MemberProfile(member, tier.name(), tags, attributes, birthday, purchases, tier.multiplier(),
                tier.perks());
    }

    /** The member's record in the store; an empty one (version 0) if none is stored yet. */
    MemberRecord memberRecord(MemberId member) {
        return store.member(member).orElseGet(() -> MemberRecord.empty(member));
    }

    /** The monitor that serialises the member's calls in this JVM. */
    Object lock(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
        return locks[(member.hashCode() * 0x9E3779B9) >>> 24];
    }

    static void checkKey(IdempotencyKey key) {
        Objects.requireNonNull(key, "idempotency key must not be null");
        if (key.value().length() > MAX_KEY) {
            throw new InvalidRequestException("idempotency key of a purchase, event or return must be at most " + MAX_KEY
                    + " characters (the program appends the currency code); got " + key.value().length());
        }
    }

    static IdempotencyKey derived(IdempotencyKey key, String currency) {
        return new IdempotencyKey(key.value() + "#" + currency);
    }

    /** Checks a free amount against the running version's rule for its currency, unless its key was posted. */
    void checkRedemption(io.github.loyaltyrules.ledger.Points amount, IdempotencyKey key) {
        if (amount == null) {
            return; // the ledger says so, as before
        }
        RedemptionRule rule = version.get().redemptionRules().get(amount.currency().code());
        if (rule != null && ledger.posting(key).isEmpty()) {
            rule.check(amount);
        }
    }
}
