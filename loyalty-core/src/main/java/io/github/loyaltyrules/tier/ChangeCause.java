package io.github.loyaltyrules.tier;

/**
 * Why a member's tier changed.
 *
 * @since 0.1.0
 */
public enum ChangeCause {
    /** A qualifying metric reached an entry threshold. */
    THRESHOLD_REACHED,
    /** A qualification window closed (or its grace period ended) and the member was re-assessed. */
    WINDOW_CLOSED,
    /** A return lowered the activity the tier rested on and the program downgrades immediately. */
    RETURN,
    /** A manual assignment (a status match) began. */
    STATUS_MATCH,
    /** A manual assignment (a status match) expired. */
    STATUS_MATCH_ENDED
}
