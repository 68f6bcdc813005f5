package io.github.loyaltyrules.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.IdempotencyWindowTest.MovingClock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A ledger that forgets what is older than a 30-day window agrees, after every step of a random
 * run over many months, with one that remembers everything: the same results and errors, the same
 * balances and open lots, as-of balances within the window, a statement that is the other's
 * latest entries; and it keeps nothing dated before its horizon, so its memory follows the window,
 * not the history.
 */
class ForgettingLedgerProperties {

    private static final Instant T0 = Instant.parse("2026-01-05T09:00:00Z");
    private static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofDays(75)));
    private static final List<MemberId> MEMBERS = List.of(MemberId.of("ann"), MemberId.of("bob"), MemberId.of("cy"));
    private static final Duration WINDOW = Duration.ofDays(30);

    /** One step: what to do (0-99), to whom, how much, and how far the clock moves first (hours). */
    record Step(int kind, int member, int amount, int hours) {
    }

    @Provide
    Arbitrary<List<Step>> runs() {
        return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(1, 60), Arbitraries.integers().between(0, 24 * 9))
                .as(Step::new).list().ofMinSize(1).ofMaxSize(120);
    }

    private static final class Side {
        final MovingClock clock = new MovingClock(T0);
        final Ledger ledger;

        Side(Duration window) {
            ledger = Ledger.builder().zone(ZoneOffset.UTC).clock(clock).currency(PTS).idempotencyWindow(window).build();
            for (MemberId m : MEMBERS) {
                ledger.enrol(m, T0);
            }
        }
    }

    /** The outcome of a request: the posting, or the class of the exception. */
    private static Object outcome(Side side, Function<Ledger, Posting> request) {
        try {
            return request.apply(side.ledger);
        } catch (LoyaltyException e) {
            return e.getClass();
        }
    }

    @Property(tries = 200)
    void forgettingChangesNoFigureWithinTheWindow(@ForAll("runs") List<Step> run) {
        Side forgetting = new Side(WINDOW);
        Side remembering = new Side(Duration.ofDays(36_500));
        List<Posting> made = new ArrayList<>();
        int n = 0;
        for (Step s : run) {
            forgetting.clock.advance(Duration.ofHours(s.hours()));
            remembering.clock.advance(Duration.ofHours(s.hours()));
            Instant now = forgetting.clock.instant();
            MemberId m = MEMBERS.get(s.member());
            IdempotencyKey key = IdempotencyKey.of("k" + (++n));
            Function<Ledger, Posting> request;
            if (s.kind() < 35) {
                request = l -> l.earn(m, PTS.points(s.amount()), now, key, "purchase");
            } else if (s.kind() < 55) {
                request = l -> l.redeem(m, PTS.points(s.amount()), now, key, "reward");
            } else if (s.kind() < 65) {
                request = l -> l.reserve(m, PTS.points(s.amount()), Duration.ofHours(30), now, key, "checkout");
            } else if (s.kind() < 72) {
                request = l -> l.transfer(m, MEMBERS.get((s.member() + 1) % 3), PTS.points(s.amount()), now, key, "gift");
            } else if (s.kind() < 88 && !made.isEmpty()) {
                // reverse a posting made within the window, so both ledgers still know it
                Posting target = made.get(s.amount() % made.size());
                if (target.at().isBefore(now.minus(WINDOW).plus(Duration.ofDays(1)))) {
                    continue;
                }
                request = l -> l.reverse(target.member(), target.key(), now, key, "return");
            } else if (s.kind() < 94 && !made.isEmpty()) {
                Posting target = made.get(s.amount() % made.size());
                if (target.at().isBefore(now.minus(WINDOW).plus(Duration.ofDays(1)))) {
                    // a reservation closed before the window is forgotten too: capturing it is unknown, not "not open"
                    continue;
                }
                request = l -> l.capture(target.member(), target.key(), now, key);
            } else if (s.kind() < 97) {
                forgetting.ledger.expire(now);
                remembering.ledger.expire(now);
                continue;
            } else if (!made.isEmpty()) {
                // a retry of an earlier request: within the window it returns the first posting on both
                Posting target = made.get(s.amount() % made.size());
                if (target.type() != PostingType.EARN) {
                    continue;
                }
                request = l -> l.earn(target.member(), PTS.points(target.amount()), target.at(), target.key(),
                        target.reason());
                Object f = outcome(forgetting, request);
                Object r = outcome(remembering, request);
                if (target.at().isBefore(forgetting.ledger.horizon())) {
                    assertThat(f).isEqualTo(OutsideWindowException.class);
                } else {
                    assertThat(f).isEqualTo(target);
                }
                assertThat(r).isEqualTo(target);
                check(forgetting, remembering, true, made);
                continue;
            } else {
                continue;
            }
            Object f = outcome(forgetting, request);
            Object r = outcome(remembering, request);
            assertThat(f).isEqualTo(r);
            if (f instanceof Posting p) {
                made.add(p);
            }
            check(forgetting, remembering, f instanceof Posting, made);
        }
    }

    private static void check(Side forgetting, Side remembering, boolean posted, List<Posting> made) {
        Instant now = forgetting.clock.instant();
        Instant horizon = forgetting.ledger.horizon();
        for (MemberId m : MEMBERS) {
            Ledger f = forgetting.ledger;
            Ledger r = remembering.ledger;
            assertThat(f.balance(m, PTS)).isEqualTo(r.balance(m, PTS));
            assertThat(open(f.lots(m, PTS))).isEqualTo(open(r.lots(m, PTS)));
            for (int back = 0; back <= 28; back += 7) {
                Instant asOf = now.minus(Duration.ofDays(back));
                assertThat(f.balance(m, PTS, asOf)).as("as of %s", asOf).isEqualTo(r.balance(m, PTS, asOf));
            }
            List<Entry> kept = f.statement(m);
            List<Entry> all = r.statement(m);
            assertThat(all.subList(all.size() - kept.size(), all.size())).isEqualTo(kept);
            if (!posted) {
                // a request refused before it reached the ledger's posting path did not move the horizon
                continue;
            }
            // what is kept is what the window needs: an entry dated before the horizon only while its
            // posting is remembered (an expiry sweep's entries are dated when the lots expired, its posting when it ran)
            for (Entry e : kept) {
                assertThat(!e.at().isBefore(horizon.minus(Duration.ofSeconds(1))) || f.posting(e.posting()).isPresent())
                        .as("entry %s of %s at %s before the horizon %s", e.sequence(), m, e.at(), horizon).isTrue();
            }
        }
        if (posted) {
            // the keys of postings dated before the horizon are forgotten (they were made in time order here)
            for (Posting p : made) {
                assertThat(forgetting.ledger.posting(p.key()).isPresent())
                        .as("posting %s at %s, horizon %s", p.key(), p.at(), horizon).isEqualTo(!p.at().isBefore(horizon));
            }
        }
        for (MemberId m : MEMBERS) {
            List<Entry> kept = forgetting.ledger.statement(m);
            assertThat(forgetting.ledger.statement(m, Long.MAX_VALUE, 5)).isEqualTo(reversedTail(kept, 5));
        }
    }

    private static List<Lot> open(List<Lot> lots) {
        List<Lot> out = new ArrayList<>();
        for (Lot lot : lots) {
            if (lot.remaining() > 0) {
                out.add(lot);
            }
        }
        return out;
    }

    private static List<Entry> reversedTail(List<Entry> entries, int n) {
        List<Entry> out = new ArrayList<>();
        for (int i = entries.size() - 1; i >= 0 && out.size() < n; i--) {
            out.add(entries.get(i));
        }
        return out;
    }
}
