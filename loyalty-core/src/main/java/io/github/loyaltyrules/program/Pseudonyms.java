package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.MemberId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * How {@link LoyaltyProgram#erase} names an erased member: {@value #PREFIX} followed by 32 hex digits
 * of a keyed hash (HMAC-SHA256) of the member id, under a secret key the operator keeps outside the
 * program's stores. The stores never hold the old id beside the pseudonym, and without the key the
 * pseudonym cannot be traced back to the id (nor worked out from it); with the key, the operator can
 * work it out again, which is what lets a second erase of the same id find the first one's pseudonym
 * and complete an erase that was cut short.
 *
 * <p>An id erased, enrolled again and erased again gets the next pseudonym of its sequence (a
 * generation number is hashed with it), so the two histories never merge. Keep the key as secret as
 * any other credential, and do not change it while an erase may still need to be retried. Immutable
 * and thread-safe; {@link #toString()} never shows the key.
 *
 * @since 0.1.0
 */
public final class Pseudonyms {

    /** What every pseudonym starts with. */
    public static final String PREFIX = "erased-";

    /** The shortest key accepted, in bytes: 128 bits. */
    public static final int MIN_KEY_BYTES = 16;

    private static final String ALGORITHM = "HmacSHA256";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SecretKeySpec key;

    private Pseudonyms(byte[] secret) {
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    /**
     * Returns pseudonyms keyed by a secret.
     *
     * @param secret the key; at least {@value #MIN_KEY_BYTES} bytes of random data (copied)
     * @return the pseudonyms
     * @throws NullPointerException if {@code secret} is null
     * @throws InvalidRequestException if the key is shorter than {@value #MIN_KEY_BYTES} bytes
     */
    public static Pseudonyms keyed(byte[] secret) {
        Objects.requireNonNull(secret, "pseudonym key must not be null");
        if (secret.length < MIN_KEY_BYTES) {
            throw new InvalidRequestException("pseudonym key must have at least " + MIN_KEY_BYTES + " bytes; got "
                    + secret.length);
        }
        return new Pseudonyms(secret.clone());
    }

    /**
     * Returns the pseudonym of a member id in a generation: 0 for the first erase of the id, 1 for the
     * next after it was enrolled again, and so on.
     *
     * @param member the member id
     * @param generation how many times the id was erased before; not negative
     * @return the pseudonym
     * @throws NullPointerException if {@code member} is null
     * @throws InvalidRequestException if {@code generation} is negative
     */
    public MemberId of(MemberId member, int generation) {
        Objects.requireNonNull(member, "member must not be null");
        if (generation < 0) {
            throw new InvalidRequestException("pseudonym generation must not be negative; got " + generation);
        }
        byte[] hash;
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            hash = mac.doFinal((generation + ":" + member.value()).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM + ", which every Java runtime must have", e);
        }
        StringBuilder sb = new StringBuilder(PREFIX.length() + 32).append(PREFIX);
        for (int i = 0; i < 16; i++) {
            sb.append(HEX[(hash[i] >> 4) & 0xF]).append(HEX[hash[i] & 0xF]);
        }
        return MemberId.of(sb.toString());
    }

    /**
     * Describes the pseudonyms without the key.
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "Pseudonyms[" + ALGORITHM + ", key hidden]";
    }
}
