package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.AmountOverflowException;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.program.spi.MemberRecord;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.ProgressListener;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.rule.RuleContext;
import io.github.loyaltyrules.ledger.Entry;
import io.github.loyaltyrules.ledger.EntryType;
import io.github.loyaltyrules.ledger.PointCurrency;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Runs a candidate program version over the recorded purchases, events and returns of a period, one
 * member at a time or every member's merged in time order, without touching the ledger, the program
 * store or the live version's counters; see {@link LoyaltyProgram#replay}. The candidate's rules see
 * the member in the tier of the member's scratch tier engine; returns run the facade's arithmetic
 * ({@link Returns#clawBack}) on the purchases as the candidate awarded them.
 */
final class Replays {

    private static final int PAGE = 500;

    private final ProgramContext context;
    private final Returns returns;

    Replays(ProgramContext context, Returns returns) {
        this.context = context;
        this.returns = returns;
    }

    ReplayReport replay(ProgramVersion candidate, Instant from, Instant to, ReplayOptions options,
            Consumer<? super MemberReplay> perMember, ProgressListener progress) {
        Run run = new Run(candidate, from, to, options);
        return options.order() == ReplayOrder.TIME ? inTimeOrder(run, perMember, progress)
                : byMember(run, perMember, progress);
    }

    /** What one replay shares: the candidate, the period, the sample and the terms of each scratch book. */
    private final class Run {
        final ProgramVersion candidate;
        final Instant from;
        final Instant to;
        final ReplaySample sample;
        final Function<String, PointCurrency> liveTerms;
        final Function<String, PointCurrency> candidateTerms;
        /** The candidate's tier ladder; null if the program has no tier engine. */
        final TierLadder ladder;

        Run(ProgramVersion candidate, Instant from, Instant to, ReplayOptions options) {
            if (options.tierLadder().isPresent() && context.tierEngine == null) {
                throw new InvalidRequestException("a replay under a candidate tier ladder needs a program with a tier"
                        + " engine; this program of version " + context.version.get().id() + " has none");
            }
            this.ladder = context.tierEngine == null ? null
                    : options.tierLadder().orElse(context.tierEngine.ladder());
            this.candidate = candidate;
            this.from = from;
            this.to = to;
            this.sample = options.sample();
            Map<String, PointCurrency> live = context.ledger.currencies();
            Map<String, PointCurrency> terms = options.currencies();
            this.liveTerms = live::get;
            this.candidateTerms = c -> terms.containsKey(c) ? terms.get(c) : live.get(c);
        }

        boolean covers(ReceiptRecord r) {
            return replayed(r) && sample.contains(r.member());
        }

        boolean inPeriod(ReceiptRecord r) {
            return !r.at().isBefore(from) && r.at().isBefore(to);
        }

        /**
         * A member's running state, with their redemptions of the period read from the live ledger, the
         * purchases of the period that returns of the period will name (from the member's records) and,
         * if the program has tiers, a scratch tier engine on the candidate's ladder that knows the member
         * from their enrolment.
         */
        ReplayMember start(MemberId member, List<ReceiptRecord> records) {
            TierEngine tiers = null;
            if (ladder != null) {
                tiers = TierEngine.of(ladder);
                tiers.enrol(member, context.ledger.account(member).enrolledAt());
            }
            Map<IdempotencyKey, Integer> returnsDue = new HashMap<>();
            for (ReceiptRecord r : records) {
                if (r.kind() == ReceiptRecord.Kind.RETURN && inPeriod(r)) {
                    returnsDue.merge(r.original(), 1, Integer::sum);
                }
            }
            return new ReplayMember(member, redemptions(member, from, to),
                    new ScratchBook(context.ledger.zone(), liveTerms), new ScratchBook(context.ledger.zone(), candidateTerms),
                    tiers, returnsDue);
        }

        /**
         * A member's state at their first record of the period in time order: with tiers, their
         * qualifying activity before the period as it was recorded, so that windows open at its start
         * count what they held.
         */
        ReplayMember startInTime(MemberId member) {
            List<ReceiptRecord> records = context.store.records(member);
            ReplayMember s = start(member, records);
            for (ReceiptRecord r : records) {
                if (r.at().isBefore(from)) {
                    s.asRecorded(r);
                }
            }
            return s;
        }

        MemberReplay finish(ReplayMember s) {
            ReplayTierMove tier = s.tiers == null ? null
                    : new ReplayTierMove(context.tierEngine.tierAt(s.member, to).name(), s.tiers.tierAt(s.member, to).name());
            return s.finish(to, tier);
        }
    }

    /**
     * Every member's records of the period merged in time order, a page at a time from the store; the
     * members' running state is kept until the end (in member order), then handed over. Progress counts
     * the records of the sampled members, out of those the period held when the replay started.
     */
    private ReplayReport inTimeOrder(Run run, Consumer<? super MemberReplay> perMember, ProgressListener progress) {
        long total = 0;
        for (ReceiptRecord after = null; ; ) {
            List<ReceiptRecord> page = context.store.recordsByTime(run.from, run.to, after, PAGE);
            for (ReceiptRecord r : page) {
                total += run.covers(r) ? 1 : 0;
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        Map<MemberId, ReplayMember> states = new TreeMap<>();
        long done = 0;
        for (ReceiptRecord after = null; ; ) {
            List<ReceiptRecord> page = context.store.recordsByTime(run.from, run.to, after, PAGE);
            for (ReceiptRecord r : page) {
                if (!run.covers(r)) {
                    continue;
                }
                ReplayMember s = states.computeIfAbsent(r.member(), run::startInTime);
                replayOne(run, r, s);
                done++;
                progress.progress(done, Math.max(done, total));
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        Totals totals = new Totals();
        for (ReplayMember s : states.values()) {
            if (s.activities == 0) {
                continue; // only returns of purchases before the period, as in member order
            }
            MemberReplay one = run.finish(s);
            totals.add(one);
            perMember.accept(one);
        }
        return totals.report(run);
    }

    /** Purchases, events and returns are replayed; reward redemptions are in the ledger's redemptions. */
    private static boolean replayed(ReceiptRecord r) {
        return r.kind() != ReceiptRecord.Kind.REWARD;
    }

    private ReplayReport byMember(Run run, Consumer<? super MemberReplay> perMember, ProgressListener progress) {
        SortedSet<MemberId> given = run.sample.givenMembers();
        long total = given == null ? 0 : given.size();
        if (given == null) {
            for (MemberId after = null; ; ) {
                List<MemberId> page = context.ledger.members(after, PAGE);
                for (MemberId m : page) {
                    total += run.sample.contains(m) ? 1 : 0;
                }
                if (page.size() < PAGE) {
                    break;
                }
                after = page.get(page.size() - 1);
            }
        }
        Totals totals = new Totals();
        long[] done = new long[1];
        long all = total;
        Consumer<MemberId> one = member -> {
            MemberReplay replayed = member(run, member);
            if (replayed != null) {
                totals.add(replayed);
                perMember.accept(replayed);
            }
            done[0]++;
            progress.progress(done[0], Math.max(done[0], all));
        };
        if (given != null) {
            given.forEach(one);
            return totals.report(run);
        }
        for (MemberId after = null; ; ) {
            List<MemberId> page = context.ledger.members(after, PAGE);
            for (MemberId member : page) {
                if (run.sample.contains(member)) {
                    one.accept(member);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
            after = page.get(page.size() - 1);
        }
        return totals.report(run);
    }

    /**
     * One member's recorded purchases, events and returns of the period, in time order, under the
     * candidate; null if the member made no purchase or event in it.
     */
    private MemberReplay member(Run run, MemberId member) {
        ReplayMember s = null;
        boolean tiers = run.ladder != null;
        List<ReceiptRecord> records = context.store.records(member);
        for (ReceiptRecord r : records) {
            if (!replayed(r) || !r.at().isBefore(run.to) || (!tiers && r.at().isBefore(run.from))) {
                continue;
            }
            if (s == null) {
                s = run.start(member, records);
            }
            if (r.at().isBefore(run.from)) {
                s.asRecorded(r); // before the period: as recorded, for the tier windows
            } else {
                replayOne(run, r, s);
            }
        }
        return s == null || s.activities == 0 ? null : run.finish(s);
    }

    /** The sums of the members' parts. */
    private static final class Totals {
        final Map<String, Long> awarded = new HashMap<>();
        final Map<String, Long> wouldAward = new HashMap<>();
        final Map<String, ReplayLiability> liability = new TreeMap<>();
        final Map<String, ReplayLiability> wouldLiability = new TreeMap<>();
        long members;
        long activities;
        long changed;

        final Map<ReplayTierMove, Long> tierMoves = new TreeMap<>();

        void add(MemberReplay one) {
            if (one.tier() != null && one.tier().moved()) {
                tierMoves.merge(one.tier(), 1L, Long::sum);
            }
            members++;
            activities += one.activities();
            changed += one.changed() ? 1 : 0;
            addAll(awarded, one.awarded());
            addAll(wouldAward, one.wouldAward());
            one.liability().forEach((c, l) -> liability.merge(c, l, ReplayLiability::plus));
            one.wouldLiability().forEach((c, l) -> wouldLiability.merge(c, l, ReplayLiability::plus));
        }

        ReplayReport report(Run run) {
            return new ReplayReport(run.candidate.id(), run.from, run.to, members, activities, changed, awarded,
                    wouldAward, liability, wouldLiability, tierMoves);
        }
    }

    /**
     * A member's redemptions of the period in the live ledger (redeemed and captured amounts), in time
     * order, read a page at a time from the newest.
     */
    private List<Entry> redemptions(MemberId member, Instant from, Instant to) {
        List<Entry> out = new ArrayList<>();
        for (long before = Long.MAX_VALUE; ; ) {
            List<Entry> page = context.ledger.statement(member, before, PAGE);
            for (Entry e : page) {
                if ((e.type() == EntryType.REDEEM || e.type() == EntryType.CAPTURE) && e.amount() < 0
                        && !e.at().isBefore(from) && e.at().isBefore(to)) {
                    out.add(e);
                }
                before = Math.min(before, e.sequence());
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        out.sort(Comparator.comparing(Entry::at).thenComparingLong(Entry::sequence));
        return out;
    }

    /**
     * Adds what a purchase or event was awarded and what the candidate awards for it, and books both;
     * or replays a return.
     */
    private void replayOne(Run run, ReceiptRecord r, ReplayMember s) {
        s.redeemBefore(r.at());
        if (r.kind() == ReceiptRecord.Kind.RETURN) {
            replayReturn(run.candidate, r, s);
            return;
        }
        s.activities++;
        addAwards(s.awarded, r.awards());
        MemberProfile profile = profile(r, s);
        Evaluation e = run.candidate.engine().evaluate(new RuleContext(profile, r.activity(),
                r.at().atZone(context.ledger.zone()), r.key(), run.candidate.id()));
        if (e.awards().size() > 1) {
            AwardTotals.checkTotals(r.key(), e.awards());
        }
        addAwards(s.wouldAward, e.awards());
        earn(s.live, r.awards(), r);
        earn(s.would, e.awards(), r);
        s.qualify(r, e.awards());
        Integer due = s.returnsDue.remove(r.key());
        if (due != null && r.kind() == ReceiptRecord.Kind.PURCHASE) {
            s.bought.put(r.key(), new ReplayMember.Bought(ReceiptRecord.purchase(r.key(), run.candidate.id(), r.at(),
                    (Purchase) r.activity(), profile, e.awards()), due));
        }
    }

    /**
     * The member as the candidate's rules see them: a purchase keeps the member as the rules saw them
     * then (badges included), an event is seen with today's record; with tiers, either is seen in the tier the member
     * holds at the time under the candidate (its scratch tier engine), with that tier's benefits.
     */
    private MemberProfile profile(ReceiptRecord r, ReplayMember s) {
        MemberProfile p = r.profile();
        if (s.tiers == null) {
            return p != null ? p : context.profile(r.member(), context.memberRecord(r.member()), r.at());
        }
        Tier tier = s.tiers.tierAt(r.member(), r.at());
        if (p != null) {
            MemberProfile seen = ProgramContext.withTier(p.id(), p.tags(), p.attributes(), p.birthday(),
                    p.purchasesSoFar(), tier);
            return p.badges().isEmpty() ? seen : seen.withBadges(p.badges()); // the badges held then
        }
        MemberRecord now = context.memberRecord(r.member());
        return ProgramContext.withTier(r.member(), now.tags(), now.attributes(), now.birthday(), now.purchases(), tier);
    }

    private static void earn(ScratchBook book, List<Award> awards, ReceiptRecord r) {
        for (Map.Entry<String, Long> t : AwardTotals.totalsByCurrency(awards).entrySet()) {
            book.earn(t.getKey(), t.getValue(), r.at(), r.key());
        }
    }

    /**
     * Replays a return: the live book claws back what it clawed back; the candidate's book what the
     * facade's return arithmetic takes of the purchase as the candidate awarded it (the candidate's
     * engine is told, so that it gives back the caps and budgets, and the scratch tier engine takes
     * back the qualifying activity). A return of a purchase made before the period only takes back its
     * qualifying activity as recorded: the purchase's points are not in the books.
     */
    private void replayReturn(ProgramVersion candidate, ReceiptRecord r, ReplayMember s) {
        ReplayMember.Bought b = s.bought.get(r.original());
        if (b == null) {
            s.asRecorded(r);
            return;
        }
        for (Map.Entry<String, Long> t : AwardTotals.totalsByCurrency(r.awards()).entrySet()) {
            s.live.clawBack(t.getKey(), t.getValue(), r.at(), r.original());
        }
        long[] take = new long[b.record.awards().size()];
        ReceiptRecord would = returns.clawBack(candidate, s.tierActivity, r.key(), r.units(), r.at(), b.record,
                b.returned, take);
        b.returned = b.returned.plus(r.units(), take, would.tierReturns());
        for (Map.Entry<String, Long> t : AwardTotals.totalsByCurrency(would.awards()).entrySet()) {
            s.would.clawBack(t.getKey(), t.getValue(), r.at(), r.original());
        }
        returns.returned(candidate, b.record, would);
        if (s.tiers != null) {
            TierActivity.takeBack(s.tiers, would);
        }
        if (--b.due == 0) {
            s.bought.remove(r.original());
        }
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
