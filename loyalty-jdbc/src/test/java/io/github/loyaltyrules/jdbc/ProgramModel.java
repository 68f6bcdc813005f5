package io.github.loyaltyrules.jdbc;

import io.github.loyaltyrules.ledger.IdempotencyConflictException;
import io.github.loyaltyrules.ledger.InsufficientPointsException;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.InvalidReversalException;
import io.github.loyaltyrules.ledger.MemberAlreadyEnrolledException;
import io.github.loyaltyrules.ledger.ReservationNotOpenException;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.ledger.UnknownPostingException;
import io.github.loyaltyrules.program.RewardNotAvailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A deliberately naive model of the program that {@link ProgramStatefulProperties} runs, written as
 * directly as possible from its terms, with every member's lots in plain lists:
 * <ul>
 * <li>{@code base}: {@link #rate} PTS per whole 1.00 EUR of the basket (1 under v1, 2 under v2), shared
 * over the lines by amount (cumulative floor), at most {@value #BASE_CAP} PTS per member and day;</li>
 * <li>{@code bonus}: {@value #BONUS} PTS on a basket of 5.00 EUR or more under v1, 10.00 EUR or more under
 * v2 ({@link #bonusFrom}), from campaign {@code launch}'s budget of {@value #BUDGET} PTS;</li>
 * <li>{@code review}: {@value #REVIEW} PTS for a review event, at most {@value #REVIEW_CAP} PTS per member and month;</li>
 * <li>rewards {@code voucher} (10 PTS, twice per member) and {@code gift} (15 PTS, Silver only, once);</li>
 * <li>tiers Base and Silver (from {@value #SILVER} PTS earned in a calendar year, net of returns
 * counted in the year of the purchase), no retention, returns downgrade at once.</li>
 * </ul>
 * A return claws back, per award, {@code floor(share * returnedSoFar / quantity)} less what earlier
 * returns took, and all that is left of a rule the kept basket no longer earns; a claw-back takes
 * the purchase's lot as far as it is free and records the rest as debt, which later earnings settle.
 * Business time is the model's {@link #now}; it only moves forward.
 */
final class ProgramModel {

    static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    static final long BASE_CAP = 40;
    static final long BUDGET = 35;
    static final long BONUS = 10;
    static final long REVIEW = 5;
    static final long REVIEW_CAP = 10;
    static final long SILVER = 40;
    static final String BUDGET_COUNTER = "budget/launch/PTS";

    /** Thrown where the program must refuse an operation; names the exception expected. */
    static final class Rejected extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final Class<? extends RuntimeException> expected;

        Rejected(Class<? extends RuntimeException> expected) {
            super(expected.getSimpleName(), null, false, false);
            this.expected = expected;
        }
    }

    /** A lot of points, in the order earned. */
    static final class MLot {
        final long original;
        long remaining;

        MLot(long original) {
            this.original = original;
            this.remaining = original;
        }
    }

    static final class MReservation {
        final String member;
        final long amount;
        final Instant deadline;
        final Map<MLot, Long> holds;
        boolean open = true;

        MReservation(String member, long amount, Instant deadline, Map<MLot, Long> holds) {
            this.member = member;
            this.amount = amount;
            this.deadline = deadline;
            this.holds = holds;
        }
    }

    static final class MMember {
        final List<MLot> lots = new ArrayList<>();
        long debt;
        long purchases;
        final Map<String, Integer> rewards = new HashMap<>();
        /** Qualifying points by the calendar year they count in. */
        final Map<Integer, Long> qualifying = new HashMap<>();
        /** The latest instant the tier engine has moved the member to. */
        Instant tierClock;
    }

    /** A basket line: id, units, unit price in cents. */
    record MLine(String id, long quantity, long cents) {
        long amount() {
            return quantity * cents;
        }
    }

    /** An award line: rule, points, line shares (only the non-zero ones). */
    record MAward(String rule, long amount, Map<String, Long> shares) {
    }

    static final class MPurchase {
        final String member;
        final String version;
        final Instant at;
        final List<MLine> lines;
        final List<MAward> awards;
        final long[] clawed;
        final Map<String, Long> returned = new HashMap<>();
        final MLot lot;

        MPurchase(String member, String version, Instant at, List<MLine> lines, List<MAward> awards, MLot lot) {
            this.member = member;
            this.version = version;
            this.at = at;
            this.lines = lines;
            this.awards = awards;
            this.clawed = new long[awards.size()];
            this.lot = lot;
        }

        MLine line(String id) {
            for (MLine l : lines) {
                if (l.id().equals(id)) {
                    return l;
                }
            }
            return null;
        }

        long left(MLine l) {
            return l.quantity() - returned.getOrDefault(l.id(), 0L);
        }
    }

    Instant now;
    String version = "v1";
    final Map<String, MMember> members = new TreeMap<>();
    final Map<String, Long> quotas = new TreeMap<>();
    final Map<String, MReservation> reservations = new LinkedHashMap<>();
    final Map<String, MPurchase> purchases = new LinkedHashMap<>();
    /** Tier events expected from the current step, as {@link ProgramStatefulProperties} describes them. */
    final List<String> tierEvents = new ArrayList<>();

    ProgramModel(Instant start) {
        this.now = start;
    }

    static long rate(String version) {
        return version.equals("v1") ? 1 : 2;
    }

    /** The smallest basket, in cents, that earns the bonus: 5.00 EUR under v1, 10.00 EUR under v2. */
    static long bonusFrom(String version) {
        return version.equals("v1") ? 500 : 1000;
    }

    private static void require(boolean ok, Class<? extends RuntimeException> otherwise) {
        if (!ok) {
            throw new Rejected(otherwise);
        }
    }

    MMember member(String id) {
        MMember m = members.get(id);
        require(m != null, UnknownMemberException.class);
        return m;
    }

    // ---- the ledger ----

    long held(String member, MLot lot) {
        long sum = 0;
        for (MReservation r : reservations.values()) {
            if (r.member.equals(member) && r.open && r.deadline.isAfter(now)) {
                sum += r.holds.getOrDefault(lot, 0L);
            }
        }
        return sum;
    }

    long free(String member, MLot lot) {
        return Math.max(0, lot.remaining - held(member, lot));
    }

    long available(String member) {
        long sum = 0;
        for (MLot lot : member(member).lots) {
            sum += free(member, lot);
        }
        return sum;
    }

    long total(String member) {
        long sum = 0;
        for (MLot lot : member(member).lots) {
            sum += lot.remaining;
        }
        return sum;
    }

    long reserved(String member) {
        long sum = 0;
        for (MLot lot : member(member).lots) {
            sum += Math.min(lot.remaining, held(member, lot));
        }
        return sum;
    }

    /** What a spend of {@code amount} takes, oldest lot first (no lot expires). */
    private Map<MLot, Long> take(String member, long amount) {
        require(available(member) >= amount, InsufficientPointsException.class);
        Map<MLot, Long> taken = new LinkedHashMap<>();
        long left = amount;
        for (MLot lot : member(member).lots) {
            long t = Math.min(left, free(member, lot));
            if (t > 0) {
                taken.put(lot, t);
                left -= t;
            }
        }
        return taken;
    }

    private MLot earn(String member, long amount) {
        MMember m = member(member);
        MLot lot = new MLot(amount);
        m.lots.add(lot);
        long settled = Math.min(m.debt, amount);
        m.debt -= settled;
        lot.remaining -= settled;
        return lot;
    }

    // ---- quotas ----

    static String baseCounter(String member, Instant at) {
        return "cap/base/PTS/" + member + "/" + at.atZone(ZONE).toLocalDate();
    }

    static String reviewCounter(String member, Instant at) {
        LocalDate day = at.atZone(ZONE).toLocalDate();
        return "cap/review/PTS/" + member + "/" + day.withDayOfMonth(1);
    }

    private long used(String counter) {
        return quotas.getOrDefault(counter, 0L);
    }

    /** Draws as much of {@code wanted} as fits under {@code limit}; returns it. */
    private long draw(String counter, long wanted, long limit) {
        long taken = Math.max(0, Math.min(wanted, limit - used(counter)));
        if (taken > 0) {
            quotas.merge(counter, taken, Long::sum);
        }
        return taken;
    }

    private void giveBack(String counter, long amount) {
        quotas.put(counter, Math.max(0, used(counter) - amount));
    }

    // ---- tiers ----

    private static int year(Instant at) {
        return at.atZone(ZONE).getYear();
    }

    private static long net(MMember m, int year) {
        return m.qualifying.getOrDefault(year, 0L);
    }

    /** The member's qualifying points in the calendar year of {@code at}. */
    long qualifying(String member, Instant at) {
        return net(member(member), year(at));
    }

    /** The tier the member shows at {@code at}: Silver while the year's qualifying points reach the threshold. */
    String tier(String member, Instant at) {
        return net(member(member), year(at)) >= SILVER ? "Silver" : "Base";
    }

    /** Moves the member's tier state to {@code to}: a Silver member drops to Base when a year closes. */
    private void advanceTiers(String id, MMember m, Instant to) {
        while (true) {
            int y = year(m.tierClock);
            Instant close = LocalDate.of(y + 1, 1, 1).atStartOfDay(ZONE).toInstant();
            if (close.isAfter(to)) {
                break;
            }
            if (net(m, y) >= SILVER) {
                tierEvents.add("down " + id + " Silver->Base at " + close + " WINDOW_CLOSED");
            }
            m.tierClock = close;
        }
        if (to.isAfter(m.tierClock)) {
            m.tierClock = to;
        }
    }

    private void qualify(String id, long points, Instant at) {
        MMember m = member(id);
        advanceTiers(id, m, at);
        long before = net(m, year(at));
        m.qualifying.merge(year(at), points, Long::sum);
        if (before < SILVER && before + points >= SILVER) {
            tierEvents.add("up " + id + " Base->Silver at " + at + " THRESHOLD_REACHED");
        }
    }

    private void unqualify(String id, Instant purchasedAt, long points, Instant at) {
        MMember m = member(id);
        advanceTiers(id, m, at);
        int y = year(purchasedAt);
        long before = net(m, y);
        m.qualifying.merge(y, -points, Long::sum);
        if (y == year(at) && before >= SILVER && before - points < SILVER) {
            tierEvents.add("down " + id + " Silver->Base at " + at + " RETURN");
        }
    }

    /** The tier assessment at {@code at}: every member is moved there, in id order. */
    void assess(Instant at) {
        for (Map.Entry<String, MMember> e : members.entrySet()) {
            advanceTiers(e.getKey(), e.getValue(), at);
        }
    }

    // ---- the program ----

    void enrol(String id, Instant at) {
        require(!members.containsKey(id), MemberAlreadyEnrolledException.class);
        MMember m = new MMember();
        m.tierClock = at;
        members.put(id, m);
    }

    /** The cumulative-floor allocation of {@code total} over {@code weights}, as the rule engine shares awards. */
    static long[] proRata(long total, long[] weights) {
        long sum = 0;
        for (long w : weights) {
            sum += w;
        }
        boolean equal = sum == 0;
        if (equal) {
            sum = weights.length;
        }
        long[] parts = new long[weights.length];
        long cumulative = 0;
        long before = 0;
        for (int i = 0; i < weights.length; i++) {
            cumulative += equal ? 1 : weights[i];
            long upTo = total * cumulative / sum;
            parts[i] = upTo - before;
            before = upTo;
        }
        return parts;
    }

    private static Map<String, Long> shares(List<MLine> lines, long[] parts) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] > 0) {
                out.put(lines.get(i).id(), parts[i]);
            }
        }
        return out;
    }

    /** A rule's award after its cap or budget let {@code taken} of {@code wanted} through. */
    private static MAward award(String rule, List<MLine> lines, long wanted, long taken) {
        long[] weights = new long[lines.size()];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = lines.get(i).amount();
        }
        long[] parts = proRata(wanted, weights);
        if (taken < wanted) {
            parts = proRata(taken, parts);
        }
        return new MAward(rule, taken, shares(lines, parts));
    }

    static long cents(List<MLine> lines) {
        long sum = 0;
        for (MLine l : lines) {
            sum += l.amount();
        }
        return sum;
    }

    /** A purchase: its awards under the running version, drawn on caps and budget, earned and qualified. */
    MPurchase purchase(String id, String key, List<MLine> lines, Instant at) {
        MMember m = member(id);
        List<MAward> awards = new ArrayList<>();
        long total = cents(lines);
        long base = total / 100 * rate(version);
        if (base > 0) {
            long taken = draw(baseCounter(id, at), base, BASE_CAP);
            if (taken > 0) {
                awards.add(award("base", lines, base, taken));
            }
        }
        if (total >= bonusFrom(version)) {
            long taken = draw(BUDGET_COUNTER, BONUS, BUDGET);
            if (taken > 0) {
                awards.add(award("bonus", lines, BONUS, taken));
            }
        }
        long points = sum(awards);
        MLot lot = points > 0 ? earn(id, points) : null;
        if (points > 0) {
            qualify(id, points, at);
        }
        m.purchases++;
        MPurchase p = new MPurchase(id, version, at, List.copyOf(lines), List.copyOf(awards), lot);
        purchases.put(key, p);
        return p;
    }

    /** An event: a review earns under its monthly cap; other events earn nothing. */
    List<MAward> event(String id, boolean review, Instant at) {
        member(id);
        List<MAward> awards = new ArrayList<>();
        if (review) {
            long taken = draw(reviewCounter(id, at), REVIEW, REVIEW_CAP);
            if (taken > 0) {
                awards.add(new MAward("review", taken, Map.of()));
            }
        }
        long points = sum(awards);
        if (points > 0) {
            earn(id, points);
            qualify(id, points, at);
        }
        return awards;
    }

    static long sum(List<MAward> awards) {
        long s = 0;
        for (MAward a : awards) {
            s += a.amount();
        }
        return s;
    }

    /** A return of {@code units} per line id of purchase {@code original}: what it claws back, in receipt order. */
    List<MAward> returnPurchase(String id, String original, Map<String, Long> units, Instant at) {
        member(id);
        MPurchase p = purchases.get(original);
        require(p != null && p.member.equals(id), UnknownPostingException.class);
        require(!units.isEmpty(), InvalidRequestException.class);
        Map<String, Long> sorted = new TreeMap<>(units);
        for (Map.Entry<String, Long> u : sorted.entrySet()) {
            MLine line = p.line(u.getKey());
            require(line != null, InvalidRequestException.class);
            require(u.getValue() > 0, InvalidAmountException.class);
            require(u.getValue() <= p.left(line), InvalidReversalException.class);
        }
        long[] take = new long[p.awards.size()];
        List<MAward> clawed = new ArrayList<>();
        for (int i = 0; i < p.awards.size(); i++) {
            MAward a = p.awards.get(i);
            long left = a.amount() - p.clawed[i];
            Map<String, Long> taken = new LinkedHashMap<>();
            long sum = 0;
            for (Map.Entry<String, Long> u : sorted.entrySet()) {
                long share = a.shares().getOrDefault(u.getKey(), 0L);
                long before = p.returned.getOrDefault(u.getKey(), 0L);
                long q = p.line(u.getKey()).quantity();
                long part = Math.min(left - sum, share * (before + u.getValue()) / q - share * before / q);
                if (part > 0) {
                    taken.put(u.getKey(), part);
                    sum += part;
                }
            }
            take[i] = sum;
            if (sum > 0) {
                clawed.add(new MAward(a.rule(), sum, taken));
            }
        }
        long kept = 0;
        boolean anyKept = false;
        for (MLine l : p.lines) {
            long keep = p.left(l) - sorted.getOrDefault(l.id(), 0L);
            kept += keep * l.cents();
            anyKept |= keep > 0;
        }
        if (anyKept) { // a rule the kept basket no longer earns gives back all it keeps
            for (int i = 0; i < p.awards.size(); i++) {
                MAward a = p.awards.get(i);
                boolean earns = a.rule().equals("base") ? kept / 100 * rate(p.version) > 0 : kept >= bonusFrom(p.version);
                long extra = a.amount() - p.clawed[i] - take[i];
                if (extra > 0 && !earns) {
                    take[i] += extra;
                    clawed.add(new MAward(a.rule(), extra, Map.of()));
                }
            }
        }
        for (int i = 0; i < take.length; i++) {
            p.clawed[i] += take[i];
        }
        for (Map.Entry<String, Long> u : sorted.entrySet()) {
            p.returned.merge(u.getKey(), u.getValue(), Long::sum);
        }
        long points = sum(clawed);
        if (points > 0) {
            MMember m = member(id);
            long c = Math.min(points, free(id, p.lot));
            p.lot.remaining -= c;
            m.debt += points - c;
            Map<String, Long> back = new LinkedHashMap<>();
            for (MAward a : clawed) {
                back.merge(a.rule().equals("base") ? baseCounter(id, p.at) : BUDGET_COUNTER, a.amount(), Long::sum);
            }
            back.forEach(this::giveBack);
            unqualify(id, p.at, points, at);
        }
        return clawed;
    }

    /** A reward redemption: counted against its limit and paid in points. */
    void redeemReward(String id, String reward, Instant at) {
        MMember m = member(id);
        long cost;
        int limit;
        switch (reward) {
            case "voucher":
                cost = 10;
                limit = 2;
                break;
            case "gift":
                require(tier(id, at).equals("Silver"), RewardNotAvailableException.class);
                cost = 15;
                limit = 1;
                break;
            default:
                throw new Rejected(RewardNotAvailableException.class);
        }
        require(m.rewards.getOrDefault(reward, 0) < limit, RewardNotAvailableException.class);
        for (Map.Entry<MLot, Long> t : take(id, cost).entrySet()) {
            t.getKey().remaining -= t.getValue();
        }
        m.rewards.merge(reward, 1, Integer::sum);
    }

    void reserve(String id, long amount, Duration ttl, Instant at, String key) {
        member(id);
        reservations.put(key, new MReservation(id, amount, at.plus(ttl), take(id, amount)));
    }

    void close(boolean capture, String id, String reservation, Instant at) {
        member(id);
        MReservation r = reservations.get(reservation);
        require(r != null && r.member.equals(id), UnknownPostingException.class);
        require(r.open && r.deadline.isAfter(at), ReservationNotOpenException.class);
        r.open = false;
        if (capture) {
            for (Map.Entry<MLot, Long> h : r.holds.entrySet()) {
                h.getKey().remaining -= h.getValue();
            }
        }
    }

    /** What a key conflict is refused with: every reuse of a key for another request. */
    static Rejected conflict() {
        return new Rejected(IdempotencyConflictException.class);
    }
}
