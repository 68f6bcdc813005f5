package io.github.loyaltyrules.ledger;

/**
 * An opaque identifier of a loyalty member: the only thing the ledger needs to know about a person.
 *
 * <p>Personal data (name, phone, e-mail) is deliberately not part of it, so that a member can be
 * erased from the caller's systems while the ledger keeps its history under this id.
 *
 * @param value the id text: 1 to 128 characters, no control, bidi control or unpaired surrogate characters
 *
 * @since 0.1.0
 */
public record MemberId(String value) implements Comparable<MemberId> {

    /** Longest id text accepted. */
    public static final int MAX_LENGTH = 128;

    /**
     * Validates the id.
     *
     * @param value the id text
     * @throws NullPointerException if {@code value} is null
     * @throws InvalidRequestException if the text is blank, longer than {@value #MAX_LENGTH}
     *         characters or contains control, bidi control or unpaired surrogate characters
     */
    public MemberId {
        Checks.identifier(value, "member id", MAX_LENGTH);
    }

    /**
     * Returns the member id with the given text.
     *
     * @param value the id text
     * @return the id
     * @throws NullPointerException if {@code value} is null
     * @throws InvalidRequestException if the text is blank, too long or contains control, bidi control or
     *         unpaired surrogate characters
     */
    public static MemberId of(String value) {
        return new MemberId(value);
    }

    @Override
    public int compareTo(MemberId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
