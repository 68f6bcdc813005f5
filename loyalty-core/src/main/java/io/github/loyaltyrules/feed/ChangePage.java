package io.github.loyaltyrules.feed;

import java.util.List;
import java.util.Objects;

/**
 * One page read from a {@link ChangeFeed}.
 *
 * @param changes the changes, in the order to handle them
 * @param next the position to read the next page after: that of the page's last change, or the
 *     position asked for if the page is empty
 *
 * @since 0.1.0
 */
public record ChangePage(List<Change> changes, FeedPosition next) {

    /**
     * Validates the page and makes its list unmodifiable.
     *
     * @param changes the changes
     * @param next the position after the page
     * @throws NullPointerException if a component is null
     */
    public ChangePage {
        changes = List.copyOf(changes);
        Objects.requireNonNull(next, "next position must not be null");
    }

    /**
     * Tells whether the page holds no change: the reader has caught up, for now.
     *
     * @return true if there is no change
     */
    public boolean isEmpty() {
        return changes.isEmpty();
    }
}
