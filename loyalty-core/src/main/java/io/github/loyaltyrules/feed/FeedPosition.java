package io.github.loyaltyrules.feed;

import io.github.loyaltyrules.ledger.InvalidRequestException;

/**
 * Where a reader of a {@link ChangeFeed} stands: the position of the last posting and of the last
 * tier change it was given. Each part only grows as the reader moves on. Save its {@link #text()}
 * after handling a change and pass {@link #parse(String) parse(text)} to
 * {@link ChangeFeed#changesAfter} when resuming: the feed then gives every change after it once.
 * It names no member and holds nothing but the two numbers.
 *
 * @param postings the position of the last posting read in the ledger store's feed; 0 for none
 * @param tierChanges the position of the last tier change read in the tier store's feed; 0 for none
 *
 * @since 0.1.0
 */
public record FeedPosition(long postings, long tierChanges) implements Comparable<FeedPosition> {

    /** The position before every change: a new reader starts here. */
    public static final FeedPosition START = new FeedPosition(0, 0);

    /**
     * Validates the parts.
     *
     * @param postings 0 or more
     * @param tierChanges 0 or more
     * @throws InvalidRequestException if a part is negative
     */
    public FeedPosition {
        if (postings < 0 || tierChanges < 0) {
            throw new InvalidRequestException("feed position parts must be 0 or more; got postings " + postings
                    + ", tier changes " + tierChanges);
        }
    }

    /**
     * Reads a position from its {@link #text()}.
     *
     * @param text two decimal numbers joined by a dot, e.g. {@code 1042.17}
     * @return the position
     * @throws InvalidRequestException if the text is null or not of that form
     */
    public static FeedPosition parse(String text) {
        if (text == null) {
            throw new InvalidRequestException("feed position text must not be null");
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.length() > 41 || !digits(text, 0, dot)
                || !digits(text, dot + 1, text.length())) {
            throw new InvalidRequestException("feed position must be two decimal numbers joined by a dot, like"
                    + " 1042.17; got text of length " + text.length());
        }
        try {
            return new FeedPosition(Long.parseLong(text, 0, dot, 10), Long.parseLong(text, dot + 1, text.length(), 10));
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("feed position parts must each fit in a long (at most "
                    + Long.MAX_VALUE + ")");
        }
    }

    private static boolean digits(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char ch = text.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the text to save, which {@link #parse(String)} reads back.
     *
     * @return the postings part, a dot, the tier changes part, e.g. {@code 1042.17}
     */
    public String text() {
        return postings + "." + tierChanges;
    }

    /**
     * Orders positions by how far a reader has come: a position is after another if neither part
     * is behind and one is ahead. Positions where each is ahead in one part (which one reader never
     * passes through) are ordered by their postings, then their tier changes.
     *
     * @param other the other position
     * @return negative, zero or positive as this position is before, at or after {@code other}
     */
    @Override
    public int compareTo(FeedPosition other) {
        int byPostings = Long.compare(postings, other.postings);
        return byPostings != 0 ? byPostings : Long.compare(tierChanges, other.tierChanges);
    }

    /**
     * Returns {@link #text()}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return text();
    }
}
