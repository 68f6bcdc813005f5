package io.github.loyaltyrules.ledger.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Where the ledger and the tier engine send a listener's failure. Listeners are called after a change
 * is stored, so a listener's exception must not reach the caller (who would retry something already
 * done) nor stop the other listeners. Not API.
 *
 * <p>The failure goes to the handler the caller configured or, if none, is logged at
 * {@link Level#WARNING} with the event's type and what it concerns (a posting key, a member id), never
 * the event's free text (reasons, descriptions), which may hold personal data. A handler that throws
 * is logged too and goes no further; so is a logger that throws. Only {@link RuntimeException}s
 * are handled: an {@link Error} reaches the caller.
 *
 * @param <E> the type of event the listeners receive
 *
 * @since 0.1.0
 */
public final class ListenerFailures<E> {

    private final Logger logger;
    private final Function<? super E, String> subject;
    private final BiConsumer<? super E, ? super RuntimeException> handler;

    private ListenerFailures(Logger logger, Function<? super E, String> subject,
            BiConsumer<? super E, ? super RuntimeException> handler) {
        this.logger = logger;
        this.subject = subject;
        this.handler = handler;
    }

    /**
     * Returns where to send listener failures.
     *
     * @param <E> the type of event
     * @param logger where failures are logged when there is no handler, and where a handler's own failure is logged
     * @param subject what an event concerns, for the log, e.g. "member m-1"; never free text
     * @param handler the caller's handler, or {@code null} to log
     * @return the failure sink
     */
    public static <E> ListenerFailures<E> of(Logger logger, Function<? super E, String> subject,
            BiConsumer<? super E, ? super RuntimeException> handler) {
        return new ListenerFailures<>(Objects.requireNonNull(logger, "logger must not be null"),
                Objects.requireNonNull(subject, "subject must not be null"), handler);
    }

    /**
     * Hands a listener's failure on an event to the handler, or logs it; never throws a
     * {@link RuntimeException}.
     *
     * @param event the event the listener failed on
     * @param failure what the listener threw
     */
    public void failed(E event, RuntimeException failure) {
        if (handler == null) {
            log(event, failure);
            return;
        }
        try {
            handler.accept(event, failure);
        } catch (RuntimeException handlerFailure) {
            log(event, failure);
            try {
                logger.log(Level.WARNING, () -> "listener failure handler failed on " + describe(event)
                        + "; the change stays stored", handlerFailure);
            } catch (RuntimeException ignored) {
                // A logger that fails must not reach the caller either.
            }
        }
    }

    private void log(E event, RuntimeException failure) {
        try {
            logger.log(Level.WARNING, () -> "listener failed on " + describe(event) + "; the change stays stored",
                    failure);
        } catch (RuntimeException ignored) {
            // A logger that fails must not reach the caller either.
        }
    }

    private String describe(E event) {
        return event.getClass().getSimpleName() + " for " + subject.apply(event);
    }
}
