package io.github.loyaltyrules.rules;

import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rules.internal.Nodes;
import java.util.Objects;

/**
 * Selects basket lines: the lines a line condition looks for, or an action or multiplier applies to.
 *
 * <p>The built-ins ({@link #sku}, {@link #category}, {@link #anyLine}) are indexed; a hand-written
 * matcher is a lambda. Matchers must be side-effect free and thread-safe. Only the built-ins and
 * their {@link #and}/{@link #or} combinations can be printed as text.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LineMatcher {

    /**
     * Tells whether a line is selected.
     *
     * @param line the basket line
     * @return true if selected
     */
    boolean matches(BasketLine line);

    /**
     * Returns a matcher selecting every line.
     *
     * @return the matcher
     */
    static LineMatcher anyLine() {
        return Nodes.ANY_LINE;
    }

    /**
     * Returns a matcher selecting lines with one of the given SKUs.
     *
     * @param skus the SKUs; at least one, none blank
     * @return the matcher
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if no SKU is given or one is blank
     */
    static LineMatcher sku(String... skus) {
        return new Nodes.SkuIn(Nodes.names("sku", skus));
    }

    /**
     * Returns a matcher selecting lines in one of the given categories.
     *
     * @param categories the categories; at least one, none blank
     * @return the matcher
     * @throws NullPointerException if an argument is null
     * @throws InvalidRuleException if no category is given or one is blank
     */
    static LineMatcher category(String... categories) {
        return new Nodes.CategoryIn(Nodes.names("category", categories));
    }

    /**
     * Returns a matcher selecting lines selected by this or {@code other}.
     *
     * @param other the other matcher
     * @return the union
     * @throws NullPointerException if {@code other} is null
     */
    default LineMatcher or(LineMatcher other) {
        return new Nodes.EitherLine(this, Objects.requireNonNull(other, "line matcher must not be null"));
    }

    /**
     * Returns a matcher selecting lines selected by both this and {@code other}.
     *
     * @param other the other matcher
     * @return the intersection
     * @throws NullPointerException if {@code other} is null
     */
    default LineMatcher and(LineMatcher other) {
        return new Nodes.BothLine(this, Objects.requireNonNull(other, "line matcher must not be null"));
    }
}
