package io.github.loyaltyrules.tier;

import java.util.List;
import java.util.Objects;

/**
 * What a tier asks of a member's activity in a window: one {@link Threshold}, all of several
 * requirements, or any one of them, nested as published terms state them: "from 650 points and
 * 325 qualifying points" is {@code allOf(points 650, qp 325)}; "from 75 nights, or 50 nights and
 * 10,000.00 USD spend" is {@code anyOf(nights 75, allOf(nights 50, spend 10000.00))}.
 *
 * <p>Instances are immutable. A group has 1 to {@value #MAX_PARTS} parts, at most one threshold of
 * its own per metric (two on one metric in one group say the same thing twice), is nested at most
 * {@value #MAX_DEPTH} levels deep and names at most {@value #MAX_THRESHOLDS} thresholds in all.
 *
 * @since 0.1.0
 */
public sealed interface Requirement permits Threshold, Requirement.AllOf, Requirement.AnyOf {

    /** Most parts of one group. */
    int MAX_PARTS = 16;

    /** Deepest nesting of groups. */
    int MAX_DEPTH = 8;

    /** Most thresholds one requirement names in all. */
    int MAX_THRESHOLDS = 64;

    /**
     * Returns a requirement met when every part is met; one part is returned as it is.
     *
     * @param parts the parts; 1 to {@value #MAX_PARTS}
     * @return the requirement
     * @throws NullPointerException if {@code parts} or a part is null
     * @throws InvalidLadderException if there are no parts or too many, two thresholds of the group are on
     *         one metric, or the requirement is nested too deep or names too many thresholds
     */
    static Requirement allOf(Requirement... parts) {
        Objects.requireNonNull(parts, "parts must not be null");
        return parts.length == 1 ? Objects.requireNonNull(parts[0], "part must not be null") : new AllOf(List.of(parts));
    }

    /**
     * Returns a requirement met when any one part is met; one part is returned as it is.
     *
     * @param parts the parts; 1 to {@value #MAX_PARTS}
     * @return the requirement
     * @throws NullPointerException if {@code parts} or a part is null
     * @throws InvalidLadderException if there are no parts or too many, two thresholds of the group are on
     *         one metric, or the requirement is nested too deep or names too many thresholds
     */
    static Requirement anyOf(Requirement... parts) {
        Objects.requireNonNull(parts, "parts must not be null");
        return parts.length == 1 ? Objects.requireNonNull(parts[0], "part must not be null") : new AnyOf(List.of(parts));
    }

    /**
     * Returns every threshold this requirement names, in the order written.
     *
     * @return an unmodifiable list; never empty
     */
    List<Threshold> thresholds();

    /**
     * Every part must be met.
     *
     * @param parts the parts, in the order written
     */
    record AllOf(List<Requirement> parts) implements Requirement {

        /**
         * Validates the group.
         *
         * @param parts the parts; 1 to {@value #MAX_PARTS}
         * @throws NullPointerException if {@code parts} or a part is null
         * @throws InvalidLadderException as {@link Requirement#allOf} says
         */
        public AllOf {
            parts = Groups.check("all of", parts);
        }

        @Override
        public List<Threshold> thresholds() {
            return Groups.thresholds(parts);
        }

        /**
         * Returns e.g. {@code all of (points:PTS >= 650, points:QP >= 325)}.
         *
         * @return the text
         */
        @Override
        public String toString() {
            return Groups.text("all of", parts);
        }
    }

    /**
     * Any one part must be met.
     *
     * @param parts the parts, in the order written
     */
    record AnyOf(List<Requirement> parts) implements Requirement {

        /**
         * Validates the group.
         *
         * @param parts the parts; 1 to {@value #MAX_PARTS}
         * @throws NullPointerException if {@code parts} or a part is null
         * @throws InvalidLadderException as {@link Requirement#anyOf} says
         */
        public AnyOf {
            parts = Groups.check("any of", parts);
        }

        @Override
        public List<Threshold> thresholds() {
            return Groups.thresholds(parts);
        }

        /**
         * Returns e.g. {@code any of (counter:nights >= 75, all of (counter:nights >= 50, spend:USD >= 10000.00))}.
         *
         * @return the text
         */
        @Override
        public String toString() {
            return Groups.text("any of", parts);
        }
    }
}
