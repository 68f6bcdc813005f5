package io.github.loyaltyrules.tier;

/** Receives tier events; registered with {@link TierEngine}. Called after the state change, outside the engine's lock. */
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
