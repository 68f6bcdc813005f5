package io.github.loyaltyrules.ledger;

import io.github.loyaltyrules.ledger.internal.CommitLoop;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.ledger.internal.ListenerFailures;
import io.github.loyaltyrules.ledger.spi.Commit;
import io.github.loyaltyrules.ledger.spi.CommitResult;
import io.github.loyaltyrules.ledger.spi.LedgerStore;
import io.github.loyaltyrules.ledger.spi.MemberBook;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What the parts of one {@link Ledger} share: its configuration (zone, clock, currencies,
 * idempotency window), its store and listeners, and the look-ups and checks that every operation
 * starts with (a member's book, a configured currency, a reason), with their exact messages.
 */
final class LedgerContext {

    private static final int MAX_REASON = 500;

    final ZoneId zone;
    final Clock clock;
    final Map<String, PointCurrency> currencies;
    final LedgerStore store;
    final List<LedgerListener> listeners;
    private final ListenerFailures<LedgerEvent> listenerFailures;
    final Duration window;
    private final LedgerMetrics metrics;
    private final System.Logger logger;
    /** The commit loop of changes that are not postings (status changes, the expiry sweep): retries are not counted. */
    final CommitLoop loop = CommitLoop.quiet();

    LedgerContext(ZoneId zone, Clock clock, Map<String, PointCurrency> currencies, LedgerStore store,
            List<LedgerListener> listeners, ListenerFailures<LedgerEvent> listenerFailures, Duration window,
            LedgerMetrics metrics, System.Logger logger) {
        this.zone = zone;
        this.clock = clock;
        this.currencies = currencies;
        this.store = store;
        this.listeners = listeners;
        this.listenerFailures = listenerFailures;
        this.window = window;
        this.metrics = metrics;
        this.logger = logger;
    }

    /** When a posting's work starts, for its timing: 0 when nothing is measured. */
    long startNanos() {
        return metrics == LedgerMetrics.NONE ? 0 : System.nanoTime();
    }

    /** Tells the metrics of a posting made; a metrics failure is logged, never passed on. */
    void posted(PostingType type, long startNanos) {
        if (metrics != LedgerMetrics.NONE) {
            try {
                metrics.posted(type, System.nanoTime() - startNanos);
            } catch (RuntimeException e) {
                metricsFailed(e);
            }
        }
    }

    /** Tells the metrics of a request answered by its first posting. */
    void replayed(PostingType type) {
        if (metrics != LedgerMetrics.NONE) {
            try {
                metrics.replayed(type);
            } catch (RuntimeException e) {
                metricsFailed(e);
            }
        }
    }

    /** Tells the metrics of a commit tried again. */
    void retried() {
        if (metrics != LedgerMetrics.NONE) {
            try {
                metrics.retried();
            } catch (RuntimeException e) {
                metricsFailed(e);
            }
        }
    }

    /** Tells the metrics of a refusal, and returns it to be thrown. */
    LoyaltyException refused(LoyaltyException refusal) {
        if (metrics != LedgerMetrics.NONE) {
            try {
                metrics.refused(refusal.reason());
            } catch (RuntimeException e) {
                metricsFailed(e);
            }
        }
        return refusal;
    }

    private void metricsFailed(RuntimeException e) {
        logger.log(System.Logger.Level.WARNING, "ledger metrics failed; the ledger call is not affected: "
                + e.getClass().getName());
    }

    /** The idempotency window as people read it: "400 days", "36 hours", "90 minutes" (else ISO-8601). */
    String windowText() {
        long seconds = window.getSeconds();
        if (window.getNano() == 0 && seconds % 86_400 == 0) {
            return seconds / 86_400 + (seconds == 86_400 ? " day" : " days");
        }
        if (window.getNano() == 0 && seconds % 3_600 == 0) {
            return seconds / 3_600 + (seconds == 3_600 ? " hour" : " hours");
        }
        if (window.getNano() == 0 && seconds % 60 == 0) {
            return seconds / 60 + (seconds == 60 ? " minute" : " minutes");
        }
        return window.toString();
    }

    /** The earliest business time a posting may have now; see {@link Ledger#horizon()}. */
    Instant horizon() {
        Instant now = clock.instant();
        return now.isBefore(Instant.MIN.plus(window)) ? Instant.MIN : now.minus(window);
    }

    /** The configured currency with the given code; see {@link Ledger#currency(String)}. */
    PointCurrency currency(String code) {
        Checks.notNull(code, "currency code");
        PointCurrency c = currencies.get(code);
        if (c == null) {
            throw new UnknownCurrencyException("currency '" + Inputs.shown(code)
                    + "' is not configured in this ledger; configured: "
                    + currencies.keySet());
        }
        return c;
    }


    /**
     * Applies a commit. If the store fails, the commit may have landed all the same, its reply lost:
     * {@code landed} reads back whether it did, and then it counts as applied (so its events are
     * published once); otherwise the failure is thrown, and a retry finds the ledger as it is.
     */
    boolean applied(Commit commit, BooleanSupplier landed) {
        try {
            return store.apply(commit) == CommitResult.APPLIED;
        } catch (RuntimeException failure) {
            return CommitLoop.landedAfter(failure, () -> landed.getAsBoolean() ? Boolean.TRUE : null);
        }
    }

    /** The exception for a member whose optimistic commit lost {@link CommitLoop#MAX_ATTEMPTS} times in a row. */
    static ConcurrentUpdateException contended(MemberId member) {
        return new ConcurrentUpdateException("member " + member + " was changed by other writers " + CommitLoop.MAX_ATTEMPTS
                + " times in a row; nothing was posted, and retrying with the same key is safe");
    }

    /**
     * Tells every listener of a stored event. A listener's exception goes to the failure handler
     * (which logs by default) and neither stops the other listeners nor reaches the caller: the
     * change is stored, and a caller who saw an exception would retry it. An {@link Error} is not caught.
     */
    void publish(LedgerEvent event) {
        for (LedgerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                listenerFailures.failed(event, e);
            }
        }
    }

    /** What a ledger event concerns, for a log line: its posting key and member, or its member; no free text. */
    static String subject(LedgerEvent event) {
        if (event instanceof LedgerEvent.Posted p) {
            return "posting key " + p.posting().key() + " of member " + p.posting().member();
        }
        if (event instanceof LedgerEvent.Expired x) {
            return "posting key " + x.posting().key() + " of member " + x.posting().member();
        }
        return "member " + ((LedgerEvent.AccountChanged) event).account().member();
    }

    /** The posting made with a key, or null. */
    Posting postingOrNull(IdempotencyKey key) {
        return store.postingOrNull(key);
    }

    /** The member's book; throws {@link UnknownMemberException} if the member is not enrolled. */
    MemberBook book(MemberId member) {
        return enrolled(member, store.bookOrNull(member));
    }

    /**
     * A member's working set for a posting: the book, whose purses a store may hand over without
     * their lots (read by the draft when the posting needs them); throws if not enrolled.
     */
    MemberBook workingSet(MemberId member) {
        return enrolled(member, store.workingSetOrNull(member));
    }

    /** The book if there is one; throws {@link UnknownMemberException} if the member is not enrolled. */
    static MemberBook enrolled(MemberId member, MemberBook book) {
        if (book == null) {
            throw new UnknownMemberException("member " + member + " is not enrolled; enrol it before posting or reading");
        }
        return book;
    }

    /** The ledger's own currency equal to {@code currency}; throws if it is not configured as given. */
    PointCurrency configured(PointCurrency currency) {
        Checks.notNull(currency, "currency");
        PointCurrency c = currencies.get(currency.code());
        if (c == null) {
            throw new UnknownCurrencyException("currency '" + currency.code() + "' is not configured in this ledger; "
                    + "configured: " + currencies.keySet());
        }
        if (!c.equals(currency)) {
            throw new UnknownCurrencyException("currency '" + currency.code() + "' differs from the one configured in "
                    + "this ledger (decimal places, name or policies); use ledger.currency(\"" + currency.code() + "\")");
        }
        return c;
    }

    /** The configured currency of a positive amount; throws if the amount is zero or its currency unknown. */
    PointCurrency checkedAmount(Points amount) {
        Checks.notNull(amount, "amount");
        PointCurrency c = configured(amount.currency());
        if (amount.minorUnits() <= 0) {
            Checks.positive(amount.minorUnits(), "amount of " + c.code());
        }
        return c;
    }

    /** A reason as given, checked: not blank if {@code required}, and not too long. */
    static String reason(String reason, boolean required) {
        Checks.notNull(reason, "reason");
        if (required && reason.isBlank()) {
            throw new InvalidRequestException("reason must not be blank: manual adjustments and status changes "
                    + "must say why");
        }
        if (reason.length() > MAX_REASON) {
            throw new InvalidRequestException("reason must be at most " + MAX_REASON + " characters; got "
                    + reason.length());
        }
        return reason;
    }

}
