package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.RuleContext;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a candidate program version over the recorded purchases and events of a period, one member
 * at a time or every member's merged in time order, without touching the ledger, the program store or
 * the live version's counters; see {@link LoyaltyProgram#replay}.
 */
final class Replays {

    private static final int PAGE = 500;

    private final ProgramContext context;

    Replays(ProgramContext context) {
        this.context = context;
    }

    ReplayReport replay(ProgramVersion candidate, Instant from, Instant to, ReplayOrder order,
            Consumer<? super MemberReplay> perMember, ProgressListener progress) {
        return order == ReplayOrder.TIME ? inTimeOrder(candidate, from, to, perMember, progress)
                : byMember(candidate, from, to, perMember, progress);
    }

    /**
     * Every member's records of the period merged in time order, a page at a time from the store; the
     * members' totals are kept until the end (in member order), then handed over. Progress counts the
     * records, out of those the period held when the replay started.
     */
    private ReplayReport inTimeOrder(ProgramVersion candidate, Instant from, Instant to,
            Consumer<? super MemberReplay> perMember, ProgressListener progress) {
        long total = 0;
        for (ReceiptRecord after = null; ; ) {
            List<ReceiptRecord> page = context.store.recordsByTime(from, to, after, PAGE);
            for (ReceiptRecord r : page) {
                total += replayed(r) ? 1 : 0;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        Map<MemberId, Sums> sums = new java.util.TreeMap<>();
        long done = 0;
        for (ReceiptRecord after = null; ; ) {
            List<ReceiptRecord> page = context.store.recordsByTime(from, to, after, PAGE);
            for (ReceiptRecord r : page) {
                if (!replayed(r)) {
                    continue;
                }
                Sums s = sums.computeIfAbsent(r.member(), m -> new Sums());
                s.activities++;
                replayOne(candidate, r, s.awarded, s.wouldAward);
                done++;
                progress.progress(done, Math.max(done, total));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        Map<String, Long> awarded = new HashMap<>();
        Map<String, Long> wouldAward = new HashMap<>();
        long activities = 0;
        long changed = 0;
        for (Map.Entry<MemberId, Sums> e : sums.entrySet()) {
            Sums s = e.getValue();
            MemberReplay one = new MemberReplay(e.getKey(), s.activities, s.awarded, s.wouldAward);
            activities += one.activities();
            changed += one.changed() ? 1 : 0;
            addAll(awarded, one.awarded());
            addAll(wouldAward, one.wouldAward());
            perMember.accept(one);
        }
        return new ReplayReport(candidate.id(), from, to, sums.size(), activities, changed, awarded, wouldAward);
    }

    /** One member's running totals in a replay in time order. */
    private static final class Sums {
        long activities;
        final Map<String, Long> awarded = new HashMap<>();
        final Map<String, Long> wouldAward = new HashMap<>();
    }

    private static boolean replayed(ReceiptRecord r) {
        return r.kind() == ReceiptRecord.Kind.PURCHASE || r.kind() == ReceiptRecord.Kind.EVENT;
    }

    private ReplayReport byMember(ProgramVersion candidate, Instant from, Instant to,
            Consumer<? super MemberReplay> perMember, ProgressListener progress) {
        long total = 0;
        for (MemberId after = null; ; ) {
            List<MemberId> page = context.ledger.members(after, PAGE);
            total += page.size();
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        Map<String, Long> awarded = new HashMap<>();
        Map<String, Long> wouldAward = new HashMap<>();
        long members = 0;
        long activities = 0;
        long changed = 0;
        long done = 0;
        for (MemberId after = null; ; ) {
            List<MemberId> page = context.ledger.members(after, PAGE);
            for (MemberId member : page) {
                MemberReplay one = member(candidate, member, from, to);
                if (one.activities() > 0) {
                    members++;
                    activities += one.activities();
                    changed += one.changed() ? 1 : 0;
                    addAll(awarded, one.awarded());
                    addAll(wouldAward, one.wouldAward());
                    perMember.accept(one);
                }
                done++;
                progress.progress(done, Math.max(done, total));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return new ReplayReport(candidate.id(), from, to, members, activities, changed, awarded, wouldAward);
    }

    /** One member's recorded purchases and events of the period, in time order, under the candidate. */
    private MemberReplay member(ProgramVersion candidate, MemberId member, Instant from, Instant to) {
        Map<String, Long> awarded = new HashMap<>();
        Map<String, Long> wouldAward = new HashMap<>();
        long activities = 0;
        for (ReceiptRecord r : context.store.records(member)) {
            if (!replayed(r) || r.at().isBefore(from) || !r.at().isBefore(to)) {
                continue;
            }
            activities++;
            replayOne(candidate, r, awarded, wouldAward);
        }
        return new MemberReplay(member, activities, awarded, wouldAward);
    }

    /** Adds what a purchase or event was awarded and what the candidate awards for it. */
    private void replayOne(ProgramVersion candidate, ReceiptRecord r, Map<String, Long> awarded,
            Map<String, Long> wouldAward) {
        addAwards(awarded, r.awards());
        // a purchase keeps the member as the rules saw them; an event is seen with today's record
        MemberProfile profile = r.profile() != null ? r.profile()
                : context.profile(r.member(), context.memberRecord(r.member()), r.at());
        Evaluation e = candidate.engine().evaluate(new RuleContext(profile, r.activity(),
                r.at().atZone(context.ledger.zone()), r.key(), candidate.id()));
        addAwards(wouldAward, e.awards());
    }

    private static void addAwards(Map<String, Long> sums, List<Award> awards) {
        for (Award a : awards) {
            add(sums, a.currency(), a.amount());
        }
    }

    private static void addAll(Map<String, Long> sums, Map<String, Long> more) {
        for (Map.Entry<String, Long> e : more.entrySet()) {
            add(sums, e.getKey(), e.getValue());
        }
    }

    private static void add(Map<String, Long> sums, String currency, long amount) {
        long before = sums.getOrDefault(currency, 0L);
        long after = before + amount;
        if (((before ^ after) & (amount ^ after)) < 0) {
            throw new AmountOverflowException("the replay's awards in " + currency + " add up to more than "
                    + Long.MAX_VALUE + " minor units; replay a shorter period");
        }
        sums.put(currency, after);
    }
}
