package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which members a what-if replay ({@link LoyaltyProgram#replay(ProgramVersion, java.time.Instant,
 * java.time.Instant, ReplayOptions, java.util.function.Consumer, io.github.loyaltyrules.ledger.ProgressListener)})
 * covers: all of them, a given set, or a deterministic share chosen by a stable hash of the member id
 * and a seed. The hash depends on nothing but the id's characters and the seed, so the same sample
 * comes out on every run, in every JVM and over every store.
 *
 * @since 0.1.0
 */
public final class ReplaySample {

    /** Fractions are resolved to one in a billion. */
    private static final long BUCKETS = 1_000_000_000L;
    private static final int MAX_FRACTION_SCALE = 9;

    private static final ReplaySample ALL = new ReplaySample(Kind.ALL, null, 0, 0, 0);

    private enum Kind { ALL, MEMBERS, ONE_IN, FRACTION }

    private final Kind kind;
    private final SortedSet<MemberId> members;
    private final long oneIn;
    private final long buckets;
    private final long seed;

    private ReplaySample(Kind kind, SortedSet<MemberId> members, long oneIn, long buckets, long seed) {
        this.kind = kind;
        this.members = members;
        this.oneIn = oneIn;
        this.buckets = buckets;
        this.seed = seed;
    }

    /**
     * Returns the sample of every member.
     *
     * @return the sample
     */
    public static ReplaySample all() {
        return ALL;
    }

    /**
     * Returns the sample of exactly these members.
     *
     * @param members the members; at least one, none null
     * @return the sample
     * @throws InvalidRequestException if {@code members} is null, empty or holds a null
     */
    public static ReplaySample of(Collection<MemberId> members) {
        if (members == null) {
            throw new InvalidRequestException("a replay sample's members must not be null");
        }
        if (members.isEmpty()) {
            throw new InvalidRequestException("a replay sample of given members must name at least one; got none");
        }
        SortedSet<MemberId> copy = new TreeSet<>();
        for (MemberId m : members) {
            if (m == null) {
                throw new InvalidRequestException("a replay sample's members must not hold null");
            }
            copy.add(m);
        }
        return new ReplaySample(Kind.MEMBERS, Collections.unmodifiableSortedSet(copy), 0, 0, 0);
    }

    /**
     * Returns the sample of about one member in {@code n}: those whose id hashed with {@code seed} is
     * a multiple of {@code n}.
     *
     * @param n how many members one in the sample stands for; 1 or more (1 samples everyone)
     * @param seed the seed; the same seed picks the same members
     * @return the sample
     * @throws InvalidRequestException if {@code n} is not positive
     */
    public static ReplaySample oneIn(long n, long seed) {
        if (n <= 0) {
            throw new InvalidRequestException("a replay sample of one member in n needs n of 1 or more; got " + n);
        }
        return new ReplaySample(Kind.ONE_IN, null, n, 0, seed);
    }

    /**
     * Returns the sample of about {@code fraction} of the members: those whose id hashed with
     * {@code seed} falls in the first {@code fraction} of the hash's range.
     *
     * @param fraction the share; more than 0, at most 1, at most 9 decimal places
     * @param seed the seed; the same seed picks the same members, and a larger fraction with the same
     *        seed picks a superset
     * @return the sample
     * @throws InvalidRequestException if {@code fraction} is null, not in (0, 1] or has more than 9 decimal places
     */
    public static ReplaySample fraction(BigDecimal fraction, long seed) {
        if (fraction == null) {
            throw new InvalidRequestException("a replay sample's fraction must not be null");
        }
        if (fraction.signum() <= 0 || fraction.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidRequestException("a replay sample's fraction must be more than 0 and at most 1; got "
                    + fraction.toPlainString());
        }
        if (fraction.stripTrailingZeros().scale() > MAX_FRACTION_SCALE) {
            throw new InvalidRequestException("a replay sample's fraction must have at most " + MAX_FRACTION_SCALE
                    + " decimal places; got " + fraction.toPlainString());
        }
        long buckets = fraction.movePointRight(MAX_FRACTION_SCALE).longValueExact();
        return new ReplaySample(Kind.FRACTION, null, 0, buckets, seed);
    }

    /**
     * Tells whether a member is in the sample.
     *
     * @param member the member
     * @return true if the replay covers the member
     * @throws InvalidRequestException if {@code member} is null
     */
    public boolean contains(MemberId member) {
        if (member == null) {
            throw new InvalidRequestException("the member asked of a replay sample must not be null");
        }
        switch (kind) {
            case ALL:
                return true;
            case MEMBERS:
                return members.contains(member);
            case ONE_IN:
                return Long.remainderUnsigned(hash(member.value(), seed), oneIn) == 0;
            default:
                return Long.remainderUnsigned(hash(member.value(), seed), BUCKETS) < buckets;
        }
    }

    /** The given members in member order, or null if the sample is not a given set. */
    SortedSet<MemberId> givenMembers() {
        return members;
    }

    /**
     * A stable 64-bit hash of an id and a seed: FNV-1a over the id's UTF-8 bytes, then the SplitMix64
     * finaliser over that with the seed mixed in, so that nearby ids and nearby seeds spread.
     */
    static long hash(String id, long seed) {
        long h = 0xcbf29ce484222325L;
        for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        long z = h ^ (seed * 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReplaySample s && kind == s.kind && Objects.equals(members, s.members) && oneIn == s.oneIn
                && buckets == s.buckets && seed == s.seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, members, oneIn, buckets, seed);
    }

    /**
     * Describes the sample without naming its members.
     *
     * @return e.g. {@code ReplaySample[one in 10, seed 42]} or {@code ReplaySample[3 members]}
     */
    @Override
    public String toString() {
        switch (kind) {
            case ALL:
                return "ReplaySample[all]";
            case MEMBERS:
                return "ReplaySample[" + members.size() + " members]";
            case ONE_IN:
                return "ReplaySample[one in " + oneIn + ", seed " + seed + "]";
            default:
                return "ReplaySample[" + BigDecimal.valueOf(buckets, MAX_FRACTION_SCALE).stripTrailingZeros()
                        .toPlainString() + ", seed " + seed + "]";
        }
    }
}
