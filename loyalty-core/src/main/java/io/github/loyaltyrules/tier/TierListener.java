package io.github.loyaltyrules.tier;

/**
 * Receives tier events; registered with {@link TierEngine}. Called on the caller's thread after the
 * change is stored, outside the engine's lock. A listener that throws a {@link RuntimeException}
 * does not undo the change, does not reach the caller and still gets the other events; the failure
 * goes to the engine's listener failure handler, which logs it by default.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TierListener {

    /** A listener that ignores every event. */
    TierListener NONE = event -> { };

    /**
     * Handles one event.
     *
     * @param event the event
     */
    void onEvent(TierEvent event);
}
