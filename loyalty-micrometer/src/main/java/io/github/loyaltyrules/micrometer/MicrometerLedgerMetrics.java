package io.github.loyaltyrules.micrometer;

import io.github.loyaltyrules.ledger.LedgerMetrics;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.PostingType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The ledger's metrics as Micrometer meters, registered once when this is made (so a posting only
 * increments them):
 *
 * <ul>
 *   <li>{@code loyalty.postings} (timer, tag {@code type}): postings made and how long each took;</li>
 *   <li>{@code loyalty.replays} (counter, tag {@code type}): requests answered from the posting their key made before;</li>
 *   <li>{@code loyalty.refusals} (counter, tag {@code reason}): refused requests, by what they mean for the caller;</li>
 *   <li>{@code loyalty.retries} (counter): optimistic commits that found a member changed and were worked out again.</li>
 * </ul>
 *
 * <pre>{@code
 * Ledger ledger = Ledger.builder().currency(pts).metrics(new MicrometerLedgerMetrics(registry)).build();
 * }</pre>
 *
 * <p>Tags hold posting types and reasons only: never a member, key or amount, so the number of
 * meters is fixed and no personal data reaches the registry.
 *
 * @since 0.1.0
 */
public final class MicrometerLedgerMetrics implements LedgerMetrics {

    private final Map<PostingType, Timer> postings = new EnumMap<>(PostingType.class);
    private final Map<PostingType, Counter> replays = new EnumMap<>(PostingType.class);
    private final Map<LoyaltyException.Reason, Counter> refusals = new EnumMap<>(LoyaltyException.Reason.class);
    private final Counter retries;

    /**
     * Registers the meters in a registry.
     *
     * @param registry where the meters go
     * @throws NullPointerException if {@code registry} is null
     */
    public MicrometerLedgerMetrics(MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry must not be null");
        for (PostingType type : PostingType.values()) {
            String tag = type.name().toLowerCase(java.util.Locale.ROOT);
            postings.put(type, Timer.builder("loyalty.postings").description("postings made, and how long each took")
                    .tag("type", tag).register(registry));
            replays.put(type, Counter.builder("loyalty.replays")
                    .description("requests answered from the posting their key made before").tag("type", tag)
                    .register(registry));
        }
        for (LoyaltyException.Reason reason : LoyaltyException.Reason.values()) {
            refusals.put(reason, Counter.builder("loyalty.refusals").description("refused requests, by reason")
                    .tag("reason", reason.name().toLowerCase(java.util.Locale.ROOT)).register(registry));
        }
        retries = Counter.builder("loyalty.retries")
                .description("optimistic commits that found a member changed by another writer and were tried again")
                .register(registry);
    }

    @Override
    public void posted(PostingType type, long nanos) {
        postings.get(type).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void replayed(PostingType type) {
        replays.get(type).increment();
    }

    @Override
    public void refused(LoyaltyException.Reason reason) {
        refusals.get(reason).increment();
    }

    @Override
    public void retried() {
        retries.increment();
    }
}
