package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The free text a caller writes into the ledger (a posting's reason, an account's status reason)
 * may name or describe a person: it never shows in a {@code toString} of what the ledger returns,
 * nor in the message of a refusal.
 */
class FreeTextNotShownTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");
    static final String SECRET = "Ann Smith, 12 Elm Road, called about her divorce";

    @Test
    void reasonsShowTheirLengthOnly() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).build();
        MemberId ann = MemberId.of("ann");
        MemberId bob = MemberId.of("bob");
        ledger.enrol(ann, T0);
        ledger.enrol(bob, T0);
        List<Object> shown = new ArrayList<>();
        shown.add(ledger.earn(ann, PTS.points(100), T0, IdempotencyKey.of("e-1"), SECRET));
        shown.add(ledger.adjustCredit(ann, PTS.points(5), T0, IdempotencyKey.of("a-1"), SECRET));
        shown.add(ledger.reserve(ann, PTS.points(10), Duration.ofMinutes(5), T0, IdempotencyKey.of("h-1"), SECRET));
        shown.add(ledger.transfer(ann, bob, PTS.points(3), T0, IdempotencyKey.of("t-1"), SECRET));
        shown.add(ledger.reverse(ann, IdempotencyKey.of("a-1"), T0, IdempotencyKey.of("v-1"), SECRET));
        shown.add(ledger.suspend(ann, T0, SECRET));
        shown.addAll(ledger.statement(ann));
        shown.add(new PostingRequest.Earn(ann, PTS.points(1), T0, IdempotencyKey.of("x"), SECRET));
        shown.add(new PostingRequest.Redeem(ann, PTS.points(1), T0, IdempotencyKey.of("x"), SECRET));
        shown.add(new PostingRequest.AdjustCredit(ann, PTS.points(1), T0, IdempotencyKey.of("x"), SECRET));
        shown.add(new PostingRequest.AdjustDebit(ann, PTS.points(1), T0, IdempotencyKey.of("x"), SECRET));
        shown.add(new PostingRequest.Reserve(ann, PTS.points(1), Duration.ofMinutes(1), T0, IdempotencyKey.of("x"), SECRET));
        shown.add(new PostingRequest.Reverse(ann, IdempotencyKey.of("e-1"), null, T0, IdempotencyKey.of("x"), SECRET));
        shown.add(new PostingRequest.Transfer(ann, bob, PTS.points(1), T0, IdempotencyKey.of("x"), SECRET));
        shown.add(catchThrowable(() -> ledger.earn(bob, PTS.points(7), T0, IdempotencyKey.of("e-1"), SECRET + "!")));
        shown.add(catchThrowable(() -> ledger.redeem(bob, PTS.points(700), T0, IdempotencyKey.of("r-9"), SECRET)));
        shown.add(catchThrowable(() -> ledger.earn(ann, PTS.points(7), T0, IdempotencyKey.of("e-9"), SECRET)));

        assertThat(shown).hasSize(6 + ledger.statement(ann).size() + 10);
        for (Object o : shown) {
            String text = o instanceof Throwable t ? t.getMessage() : String.valueOf(o);
            assertThat(text).as(o.getClass().getSimpleName()).doesNotContain("Ann Smith").doesNotContain("divorce");
        }
        assertThat(String.valueOf(shown.get(0))).contains("reason=<" + SECRET.length() + " chars>");
    }
}
