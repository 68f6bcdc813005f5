package io.github.loyaltyrules.tier;

/**
 * Reports how far {@link TierEngine#assessTiers(java.time.Instant, AssessmentProgress)} has got.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface AssessmentProgress {

    /** Ignores progress. */
    AssessmentProgress NONE = (done, total) -> { };

    /**
     * Called after each member is assessed.
     *
     * @param done members assessed so far
     * @param total members to assess
     */
    void progress(int done, int total);
}
