package io.github.loyaltyrules.ledger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one optimistic commit loop: attempts until one is done, at most 1000, and the write whose reply may be lost. */
class CommitLoopTest {

    @Test
    void attemptsUntilOneIsDoneTellingEachRetry() {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger retried = new AtomicInteger();
        String done = CommitLoop.telling(retried::incrementAndGet).run("m-1",
                () -> attempts.incrementAndGet() < 3 ? null : "done", m -> new IllegalStateException("contended " + m));
        assertThat(done).isEqualTo("done");
        assertThat(attempts).hasValue(3);
        assertThat(retried).hasValue(2);
    }

    @Test
    void givesUpAfterMaxAttemptsWithTheCallersException() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> CommitLoop.quiet().run("m-1", () -> {
            attempts.incrementAndGet();
            return null;
        }, m -> new IllegalStateException("contended " + m))).isInstanceOf(IllegalStateException.class)
                .hasMessage("contended m-1");
        assertThat(attempts).hasValue(CommitLoop.MAX_ATTEMPTS);
    }

    @Test
    void whatAnAttemptThrowsEndsTheLoop() {
        AtomicInteger attempts = new AtomicInteger();
        assertThatThrownBy(() -> CommitLoop.quiet().run("m-1", () -> {
            attempts.incrementAndGet();
            throw new IllegalArgumentException("refused");
        }, m -> new IllegalStateException())).hasMessage("refused");
        assertThat(attempts).hasValue(1);
        assertThatThrownBy(() -> CommitLoop.telling(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void aFailedWriteThatLandedCountsAsDoneAndOneThatDidNotThrowsItsFailure() {
        RuntimeException lost = new IllegalStateException("reply lost");
        assertThat(CommitLoop.landedAfter(lost, () -> "read back")).isEqualTo("read back");
        assertThat(lost.getSuppressed()).isEmpty();
        assertThatThrownBy(() -> CommitLoop.landedAfter(lost, () -> null)).isSameAs(lost);
        assertThat(lost.getSuppressed()).isEmpty();
        RuntimeException down = new IllegalStateException("store down");
        RuntimeException unreadable = new IllegalStateException("cannot read");
        assertThatThrownBy(() -> CommitLoop.landedAfter(down, () -> {
            throw unreadable;
        })).isSameAs(down).satisfies(t -> assertThat(t.getSuppressed()).containsExactly(unreadable));
    }
}
