package io.github.loyaltyrules.ledger.internal;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * Checks of the personal data a caller hands the library (a member's tags, attributes and birthday,
 * an event's attributes): bounded in size, storable in every store (no NUL character, which
 * PostgreSQL's text refuses, and no unpaired surrogate, which UTF-8 cannot hold), and names that
 * are identifiers. A refusal names the rule and the attribute's name, never a value. Not API.
 *
 * @since 0.1.0
 */
public final class PersonalInputs {

    /** Most tags of a member, or attributes of a member or an event. */
    public static final int MAX_ENTRIES = 100;
    /** Most characters of a tag or an attribute's name. */
    public static final int MAX_NAME = 64;
    /** Most characters of an attribute's value. */
    public static final int MAX_VALUE = 4_000;

    private PersonalInputs() {
    }

    /**
     * Checks tags.
     *
     * @param tags the tags, e.g. "staff"
     * @param owner what holds them, for the message, e.g. {@code "the profile"}
     * @throws InvalidRequestException if there are too many, or one is empty, too long or holds an
     *         unsafe character
     */
    public static void tags(Set<String> tags, String owner) {
        if (tags.size() > MAX_ENTRIES) {
            throw new InvalidRequestException(owner + " may have at most " + MAX_ENTRIES + " tags; got " + tags.size());
        }
        int i = 0;
        for (String tag : tags) {
            String problem = nameProblem(tag);
            if (problem != null) {
                throw new InvalidRequestException("a tag of " + owner + " " + problem + " (tag " + (i + 1) + " of "
                        + tags.size() + ")");
            }
            i++;
        }
    }

    /**
     * Checks attributes.
     *
     * @param attributes the attributes, by name
     * @param owner what holds them, for the message, e.g. {@code "the profile"}
     * @throws InvalidRequestException if there are too many, a name is empty, too long or holds an
     *         unsafe character, or a value is too long or holds a NUL or an unpaired surrogate
     */
    public static void attributes(Map<String, String> attributes, String owner) {
        if (attributes.size() > MAX_ENTRIES) {
            throw new InvalidRequestException(owner + " may have at most " + MAX_ENTRIES + " attributes; got "
                    + attributes.size());
        }
        for (Map.Entry<String, String> a : attributes.entrySet()) {
            String problem = nameProblem(a.getKey());
            if (problem != null) {
                throw new InvalidRequestException("an attribute name of " + owner + " " + problem);
            }
            String value = a.getValue();
            if (value.length() > MAX_VALUE) {
                throw new InvalidRequestException("attribute '" + a.getKey() + "' of " + owner + " must be at most "
                        + MAX_VALUE + " characters; got " + value.length());
            }
            String unstorable = unstorable(value);
            if (unstorable != null) {
                throw new InvalidRequestException("attribute '" + a.getKey() + "' of " + owner + " holds " + unstorable
                        + ", which no store can keep");
            }
        }
    }

    /**
     * Checks a birthday.
     *
     * @param birthday the birthday, or null for none
     * @throws InvalidRequestException if it is outside years 1 to 9999
     */
    public static void birthday(LocalDate birthday) {
        if (birthday != null && (birthday.getYear() < 1 || birthday.getYear() > 9999)) {
            throw new InvalidRequestException("a birthday must be in years 1 to 9999; got year " + birthday.getYear());
        }
    }

    private static String nameProblem(String name) {
        if (name.isBlank()) {
            return "must not be blank";
        }
        if (name.length() > MAX_NAME) {
            return "must be at most " + MAX_NAME + " characters; got " + name.length();
        }
        String unsafe = Inputs.unsafeCharacter(name);
        return unsafe == null ? null : "holds a " + unsafe;
    }

    private static String unstorable(String value) {
        int n = value.length();
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "a NUL character at index " + i;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return "an unpaired surrogate at index " + i;
            }
        }
        return null;
    }
}
