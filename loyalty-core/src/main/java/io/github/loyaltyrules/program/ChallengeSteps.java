package io.github.loyaltyrules.program;

import io.github.loyaltyrules.engagement.Badge;
import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.ChallengeGoal;
import io.github.loyaltyrules.engagement.ChallengeProgress;
import io.github.loyaltyrules.engagement.spi.ChallengeCommit;
import io.github.loyaltyrules.engagement.spi.ChallengeStore;
import io.github.loyaltyrules.engagement.spi.Completion;
import io.github.loyaltyrules.engagement.spi.ContributionRecord;
import io.github.loyaltyrules.engagement.spi.ProgressRecord;
import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.program.spi.ReturnState;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Counts purchases towards the challenges of the version that computed them, and takes back what
 * returns undo. A purchase's contribution to a challenge is always set to what the purchase's kept
 * basket adds (its lines less every unit returned so far), and the window's progress moves by the
 * difference, in one commit of both: a step that finds the contribution at that value changes nothing,
 * so a retry counts nothing twice, and a step after a crash counts what the crash left out. Rewards
 * are posted under keys derived from the completing purchase's key ({@code key#TAG-N}), reversals of
 * revoked rewards under keys derived from the return's ({@code key#TAG~N}); a retry posts what a
 * crash left unposted. The cost of a step is that of the challenge's records of one window, never of
 * the member's history.
 */
final class ChallengeSteps {

    private final ProgramContext context;
    private final ChallengeStore store;

    ChallengeSteps(ProgramContext context, ChallengeStore store) {
        this.context = context;
        this.store = store;
    }

    ChallengeStore store() {
        return store;
    }

    /** Counts a recorded purchase (or completes its count on a retry). */
    void purchased(ReceiptRecord purchase, boolean retry) {
        step(purchase, purchase.key(), purchase.at(), retry);
    }

    /** Takes back what a recorded return undoes (or completes it on a retry). */
    void returned(ReceiptRecord ret, boolean retry) {
        ReceiptRecord bought = context.store.receipt(ret.original()).orElse(null);
        if (bought != null && bought.kind() == ReceiptRecord.Kind.PURCHASE) {
            step(bought, ret.key(), ret.at(), retry);
        }
    }

    private void step(ReceiptRecord bought, IdempotencyKey step, Instant at, boolean retry) {
        ProgramVersion v = context.versions.get(bought.programVersion());
        if (v == null || v.challenges().isEmpty()) {
            return;
        }
        Map<String, Long> returned = context.store.returns(bought.key()).map(ReturnState::returnedUnits).orElse(Map.of());
        Purchase purchase = (Purchase) bought.activity();
        for (Challenge c : v.challenges().values()) {
            apply(c, bought, purchase, returned, step, at, retry);
        }
    }

    private void apply(Challenge c, ReceiptRecord bought, Purchase purchase, Map<String, Long> returned,
            IdempotencyKey step, Instant at, boolean retry) {
        MemberId member = bought.member();
        long value = value(c.goal(), purchase, returned);
        while (true) {
            ContributionRecord was = store.contribution(member, c.id(), bought.key()).orElse(null);
            if (was == null ? value == 0 : was.value() == value) {
                if (retry && was != null) {
                    post(c, store.progress(member, c.id(), was.window()).orElse(null), bought.key(), step);
                }
                return;
            }
            String window = was != null ? was.window() : window(c, bought.at());
            ProgressRecord p = store.progress(member, c.id(), window)
                    .orElseGet(() -> ProgressRecord.empty(member, c.id(), window));
            long old = was == null ? 0 : was.value();
            Map<String, Long> stores = p.stores();
            long progress;
            long completed;
            ChallengeGoal.Measure measure = c.goal().measure();
            if (measure == ChallengeGoal.Measure.STORES || measure == ChallengeGoal.Measure.STREAK) {
                // counted purchases per store, or per period (its first day) for a streak
                String bucket = measure == ChallengeGoal.Measure.STORES ? purchase.store()
                        : period(c, bought.at()).toString();
                stores = new TreeMap<>(stores);
                long n = stores.getOrDefault(bucket, 0L) + value - old;
                if (n > 0) {
                    stores.put(bucket, n);
                } else {
                    stores.remove(bucket);
                }
                progress = measure == ChallengeGoal.Measure.STORES ? stores.size()
                        : Streaks.longest(c.goal().period(), stores);
                completed = measure == ChallengeGoal.Measure.STORES ? c.completions(progress)
                        : Streaks.completions(c, stores);
            } else {
                progress = Math.addExact(p.value() - old, value);
                completed = c.completions(progress);
            }
            List<Completion> completions = completions(c, p, completed, bought, step, at);
            ProgressRecord next = new ProgressRecord(member, c.id(), window, p.version() + 1, progress, stores, completions);
            ContributionRecord contribution = new ContributionRecord(member, c.id(), bought.key(), window,
                    was == null ? 1 : was.version() + 1, value, purchase.store());
            if (store.commit(new ChallengeCommit(next, contribution)) == CommitResult.APPLIED) {
                post(c, next, bought.key(), step);
                return;
            }
            // another server moved this window or this purchase first: read again
        }
    }

    /** The completions once the progress makes {@code target} of them: new ones made, or ones taken back. */
    private static List<Completion> completions(Challenge c, ProgressRecord p, long target, ReceiptRecord bought,
            IdempotencyKey step, Instant at) {
        long standing = p.standing();
        List<Completion> out = new ArrayList<>(p.completions());
        if (target > standing) {
            long first = standing + 1;
            out.add(new Completion(first, target - standing, bought.at(), key(bought.key(), c, '-', first), null, null));
        } else if (target < standing && c.returnPolicy() == Challenge.ReturnPolicy.REVOKE) {
            // take back the highest numbers first: the standing ones are numbered 1..standing
            for (int i = out.size() - 1; i >= 0; i--) {
                Completion k = out.get(i);
                if (!k.standing() || k.number() + k.count() - 1 <= target) {
                    continue;
                }
                long keep = Math.max(0, target - k.number() + 1);
                long from = k.number() + keep;
                Completion gone = new Completion(from, k.count() - keep, k.at(), k.reward(), key(step, c, '~', from), at);
                out.set(i, gone);
                if (keep > 0) {
                    out.add(i, new Completion(k.number(), keep, k.at(), k.reward(), null, null));
                }
            }
        }
        return out;
    }

    /** A ledger key derived from a caller's key: {@code key#TAG-N} for a reward, {@code key#TAG~N} for a reversal. */
    static IdempotencyKey key(IdempotencyKey from, Challenge c, char kind, long number) {
        return new IdempotencyKey(from.value() + "#" + c.tag() + kind + Long.toString(number, 36));
    }

    /**
     * Posts the purchase's rewards and the reversals this step made, unless posted already (a step
     * after a crash may be the first to count the purchase: a return's), and awards the challenge's
     * badge with a reward of the purchase's that stands (the store keeps the first award).
     */
    private void post(Challenge c, ProgressRecord p, IdempotencyKey purchase, IdempotencyKey step) {
        if (p == null) {
            return;
        }
        String bought = purchase.value() + "#" + c.tag();
        String mine = step.value() + "#" + c.tag();
        for (Completion k : p.completions()) {
            if (k.standing() && k.reward().value().startsWith(bought)) {
                earned(c, p, k.reward());
                if (c.badge() != null) {
                    store.award(p.member(), new Badge(c.badge(), c.id(), k.at(), purchase));
                }
            }
            if (k.revocation() != null && k.revocation().value().startsWith(mine)) {
                earned(c, p, k.reward()); // a crash may have come before the reward was posted
                if (context.ledger.posting(k.revocation()).isEmpty()) {
                    context.ledger.reverse(p.member(), k.reward(), points(c, k.count()), k.revokedAt(), k.revocation(),
                            "challenge " + c.id() + " no longer met in window " + p.window() + " after a return");
                }
            }
        }
    }

    /** Posts a reward, unless posted: every completion made under its key, standing or taken back since. */
    private void earned(Challenge c, ProgressRecord p, IdempotencyKey reward) {
        if (context.ledger.posting(reward).isPresent()) {
            return;
        }
        long count = 0;
        Instant at = null;
        for (Completion k : p.completions()) {
            if (k.reward().equals(reward)) {
                count += k.count();
                at = k.at();
            }
        }
        context.ledger.earn(p.member(), points(c, count), at, reward, "challenge " + c.id() + " completed in window "
                + p.window() + (count > 1 ? " (" + count + " times)" : ""));
    }

    private Points points(Challenge c, long count) {
        try {
            return Points.of(context.ledger.currency(c.rewardCurrency()), Math.multiplyExact(c.rewardAmount(), count));
        } catch (ArithmeticException e) {
            throw new AmountOverflowException("reward of challenge " + c.id() + " times " + count
                    + " completions exceeds a long of minor units");
        }
    }

    /** What a purchase's kept lines add to a goal: 1 or 0 for purchases, stores and streaks, else units or minor units. */
    static long value(ChallengeGoal goal, Purchase purchase, Map<String, Long> returned) {
        long sum = 0;
        for (BasketLine line : purchase.lines()) {
            if (goal.category() != null && !goal.category().equals(line.category())) {
                continue;
            }
            long keep = line.quantity() - returned.getOrDefault(line.lineId(), 0L);
            if (keep <= 0) {
                continue;
            }
            switch (goal.measure()) {
                case PURCHASES:
                case STORES:
                case STREAK:
                    return 1;
                case ITEMS:
                    sum = Math.addExact(sum, keep);
                    break;
                default:
                    if (line.unitPrice().currency().getCurrencyCode().equals(goal.moneyCurrency())) {
                        BigDecimal amount = line.amount().amount();
                        if (keep != line.quantity()) {
                            amount = amount.multiply(BigDecimal.valueOf(keep)).divide(BigDecimal.valueOf(line.quantity()),
                                    amount.scale(), RoundingMode.FLOOR);
                        }
                        sum = Math.addExact(sum, amount.movePointRight(line.unitPrice().currency().getDefaultFractionDigits())
                                .setScale(0, RoundingMode.FLOOR).longValueExact());
                    }
            }
        }
        return sum;
    }

    /** A member's progress on a challenge in the window of {@code at}. */
    ChallengeProgress progress(MemberId member, Challenge c, Instant at) {
        String window = window(c, at);
        ProgressRecord p = store.progress(member, c.id(), window).orElse(null);
        long value = p == null ? 0 : c.goal().period() == null ? p.value()
                : Streaks.current(c.goal().period(), p.stores(), period(c, at));
        return new ChallengeProgress(c.id(), window, value, c.goal().target(), p == null ? 0 : p.standing());
    }

    /** The first day of the streak period {@code at} falls in, in the program's zone; the day for other goals. */
    private LocalDate period(Challenge c, Instant at) {
        LocalDate day = at.atZone(context.ledger.zone()).toLocalDate();
        return c.goal().period() == null ? day : c.goal().period().start(day);
    }

    /** The key of the window {@code at} counts in: a streak's period counts in the window of its first day. */
    private String window(Challenge c, Instant at) {
        return c.window().key(period(c, at));
    }

    /** The badges a member holds. */
    List<Badge> badges(MemberId member) {
        checkMember(member);
        return store.badges(member);
    }

    static void checkMember(MemberId member) {
        Objects.requireNonNull(member, "member must not be null");
    }
}
