package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.tier.TierLadder;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a what-if replay runs ({@link LoyaltyProgram#replay(ProgramVersion, java.time.Instant, java.time.Instant,
 * ReplayOptions, java.util.function.Consumer, io.github.loyaltyrules.ledger.ProgressListener)}): the order it
 * evaluates the recorded activity in, the members it covers, and the candidate's terms per currency
 * (expiry, inactivity, consumption order) under which its scratch book works out the outstanding
 * balance (a currency not given keeps the live ledger's terms), and the candidate's tier ladder, on
 * which the tier its rules see at each purchase, event and return is worked out (the live ladder
 * unless given).
 *
 * @since 0.1.0
 */
public final class ReplayOptions {

    private static final ReplayOptions DEFAULTS = builder().build();

    private final ReplayOrder order;
    private final ReplaySample sample;
    private final Map<String, PointCurrency> currencies;
    private final TierLadder tierLadder;

    private ReplayOptions(Builder b) {
        this.tierLadder = b.tierLadder;
        this.order = b.order;
        this.sample = b.sample;
        this.currencies = Collections.unmodifiableMap(new TreeMap<>(b.currencies));
    }

    /**
     * Returns the defaults: member order, every member, the live ledger's currency terms.
     *
     * @return the options
     */
    public static ReplayOptions defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a builder that starts from the defaults.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the order the replay evaluates in.
     *
     * @return the order
     */
    public ReplayOrder order() {
        return order;
    }

    /**
     * Returns the members the replay covers.
     *
     * @return the sample
     */
    public ReplaySample sample() {
        return sample;
    }

    /**
     * Returns the candidate's terms by currency code; a currency not here keeps the live terms.
     *
     * @return an unmodifiable map
     */
    public Map<String, PointCurrency> currencies() {
        return currencies;
    }

    /**
     * Returns the candidate's tier ladder, if one was set: the replay then works out each member's tier
     * under the candidate on it (thresholds, windows, multipliers and perks) instead of the live one.
     *
     * @return the ladder, or empty for the live engine's ladder
     */
    public Optional<TierLadder> tierLadder() {
        return Optional.ofNullable(tierLadder);
    }

    @Override
    public String toString() {
        return "ReplayOptions[" + order + ", " + sample + ", currencies " + currencies.keySet()
                + (tierLadder == null ? "" : ", tiers " + tierLadder.tiers().size()) + "]";
    }

    /** Builds {@link ReplayOptions}. */
    public static final class Builder {

        private ReplayOrder order = ReplayOrder.MEMBER;
        private ReplaySample sample = ReplaySample.all();
        private final Map<String, PointCurrency> currencies = new TreeMap<>();
        private TierLadder tierLadder;

        private Builder() {
        }

        /**
         * Sets the candidate's tier ladder: the tiers the members would hold under the candidate, and the
         * tier its rules see at each purchase or event, are worked out on it; the live tier engine's ladder
         * unless set. Only for a program with a tier engine.
         *
         * @param ladder the candidate's ladder
         * @return this builder
         * @throws InvalidRequestException if {@code ladder} is null
         */
        public Builder tierLadder(TierLadder ladder) {
            if (ladder == null) {
                throw new InvalidRequestException("a replay's candidate tier ladder must not be null");
            }
            this.tierLadder = ladder;
            return this;
        }

        /**
         * Sets the order; {@link ReplayOrder#MEMBER} unless set.
         *
         * @param order the order
         * @return this builder
         * @throws InvalidRequestException if {@code order} is null
         */
        public Builder order(ReplayOrder order) {
            if (order == null) {
                throw new InvalidRequestException("a replay's order must not be null");
            }
            this.order = order;
            return this;
        }

        /**
         * Sets the members covered; {@link ReplaySample#all()} unless set.
         *
         * @param sample the sample
         * @return this builder
         * @throws InvalidRequestException if {@code sample} is null
         */
        public Builder sample(ReplaySample sample) {
            if (sample == null) {
                throw new InvalidRequestException("a replay's sample must not be null");
            }
            this.sample = sample;
            return this;
        }

        /**
         * Sets the candidate's terms for a currency (matched by code), replacing any set before.
         *
         * @param currency the currency with the candidate's expiry terms
         * @return this builder
         * @throws InvalidRequestException if {@code currency} is null
         */
        public Builder currency(PointCurrency currency) {
            if (currency == null) {
                throw new InvalidRequestException("a replay's candidate currency must not be null");
            }
            currencies.put(currency.code(), currency);
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public ReplayOptions build() {
            return new ReplayOptions(this);
        }
    }
}
