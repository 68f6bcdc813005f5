package io.github.loyaltyrules.engagement.contract;

import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.ChallengeGoal;
import io.github.loyaltyrules.engagement.ChallengeProgress;
import io.github.loyaltyrules.engagement.ChallengeWindow;
import io.github.loyaltyrules.engagement.StreakPeriod;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.engagement.Challenge.ReturnPolicy;
import io.github.loyaltyrules.engagement.spi.ChallengeCommit;
import io.github.loyaltyrules.engagement.spi.ChallengeStore;
import io.github.loyaltyrules.engagement.spi.ContributionRecord;
import io.github.loyaltyrules.engagement.spi.ProgressRecord;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.spi.CommitResult;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A model of challenge progress, checked against a program after every step of a random run of
 * purchases, partial returns, retries with the same key and crashes of the challenge store (a commit
 * that fails, or whose reply is lost after it went through; the caller retries with the key), with
 * times that cross week, month and quarter boundaries. The model recomputes each window from the kept
 * baskets (never from the program's counters): the progress value, and the rewards that stand
 * (revoked: as many as the value completes; kept: the most it ever completed). The ledger's balance
 * must be the standing rewards, and the badges those of the challenges ever completed. Used by the
 * in-memory property and by loyalty-jdbc's on H2 and PostgreSQL.
 */
public final class ChallengeModelCheck {

    static final ZoneId ZONE = ZoneOffset.UTC;
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant START = Instant.parse("2026-09-25T12:00:00Z");
    static final String[] STORES = {"north", "south", "west"};
    static final String[] CATEGORIES = {"coffee", "food"};

    /** The challenges of the run: every measure, window, repeat and return policy. */
    public static final List<Challenge> CHALLENGES = List.of(
            Challenge.of("visits", "Shop 3 times this month", ChallengeGoal.purchases(3), ChallengeWindow.MONTH, "PTS", 200),
            Challenge.of("spend", "Spend 20.00 in a quarter, repeatedly", ChallengeGoal.spend(Money.of("20.00", "EUR")),
                    ChallengeWindow.QUARTER, "PTS", 50).withRepeatable(true),
            Challenge.of("coffee", "2 coffees a week, kept", ChallengeGoal.items(2).inCategory("coffee"),
                    ChallengeWindow.WEEK, "PTS", 10).withRepeatable(true).withReturnPolicy(ReturnPolicy.KEEP),
            Challenge.of("explorer", "2 stores this month, kept once", ChallengeGoal.distinctStores(2),
                    ChallengeWindow.MONTH, "PTS", 30).withReturnPolicy(ReturnPolicy.KEEP).withBadge("explorer"),
            Challenge.of("food-visits", "Food 2 times a year", ChallengeGoal.purchases(2).inCategory("food"),
                    ChallengeWindow.YEAR, "PTS", 7).withRepeatable(true),
            Challenge.of("daily-coffee", "Coffee 2 days in a row, each pair in a month",
                    ChallengeGoal.streak(2, StreakPeriod.DAY).inCategory("coffee"), ChallengeWindow.MONTH, "PTS", 3)
                    .withRepeatable(true),
            Challenge.of("weekly", "A purchase 3 weeks in a row", ChallengeGoal.streak(3, StreakPeriod.WEEK),
                    ChallengeWindow.LIFETIME, "PTS", 40).withBadge("regular"),
            Challenge.of("monthly-food", "Food 2 months in a row, kept", ChallengeGoal.streak(2, StreakPeriod.MONTH)
                    .inCategory("food"), ChallengeWindow.YEAR, "PTS", 60).withRepeatable(true)
                    .withReturnPolicy(ReturnPolicy.KEEP));

    private ChallengeModelCheck() {
    }

    /** A challenge store that can be told to fail its next commit, before or after it goes through. */
    public static class Crashing implements ChallengeStore {
        final ChallengeStore inner;
        public int failNext; // 0 none, 1 before, 2 after (reply lost)

        public Crashing(ChallengeStore inner) {
            this.inner = inner;
        }

        @Override
        public Optional<ProgressRecord> progress(MemberId m, String c, String w) {
            return inner.progress(m, c, w);
        }

        @Override
        public Optional<ContributionRecord> contribution(MemberId m, String c, IdempotencyKey p) {
            return inner.contribution(m, c, p);
        }

        @Override
        public CommitResult commit(ChallengeCommit commit) {
            int f = failNext;
            failNext = 0;
            if (f == 1) {
                throw new IllegalStateException("injected: commit failed");
            }
            CommitResult r = inner.commit(commit);
            if (f == 2) {
                throw new IllegalStateException("injected: reply lost");
            }
            return r;
        }

        @Override
        public boolean award(MemberId m, io.github.loyaltyrules.engagement.Badge b) {
            return inner.award(m, b);
        }

        @Override
        public List<io.github.loyaltyrules.engagement.Badge> badges(MemberId m) {
            return inner.badges(m);
        }

        @Override
        public List<ProgressRecord> progressOf(MemberId m) {
            return inner.progressOf(m);
        }

        @Override
        public boolean pseudonymise(MemberId from, MemberId to) {
            return inner.pseudonymise(from, to);
        }
    }

    /** A purchase as the model keeps it. */
    record Bought(IdempotencyKey key, Instant at, Purchase purchase, Map<String, Long> returned) {
    }

    /**
     * Runs {@code steps} random steps from {@code seed} on a program whose challenge progress is kept in
     * {@code store} under {@code member}, and checks the model after each.
     */
    public static void run(ChallengeStore store, String member, long seed, int steps) {
        Random random = new Random(seed);
        Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(Instant.parse("2027-09-01T00:00:00Z"), ZONE))
                .currency(PTS).build();
        Crashing crashing = new Crashing(store);
        ProgramVersion v = ProgramVersion.of("v1", ctx -> Evaluation.NOTHING, List.of())
                .withChallenges(CHALLENGES.toArray(new Challenge[0]));
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, v).challengeStore(crashing).build();
        MemberId ann = MemberId.of(member);
        program.enrol(ann, START.minusSeconds(60));
        List<Bought> bought = new ArrayList<>();
        Map<String, Long> kept = new HashMap<>(); // KEEP challenges: the most completions reached per window
        Instant now = START;
        int keys = 0;
        IdempotencyKey lastReturn = null;
        Object[] lastReturnArgs = null;
        for (int step = 0; step < steps; step++) {
            now = now.plusSeconds(random.nextInt(4 * 86_400));
            int kind = random.nextInt(10);
            int crash = random.nextInt(6) == 0 ? 1 + random.nextInt(2) : 0;
            if (kind < 5 || bought.isEmpty()) {
                List<BasketLine> lines = new ArrayList<>();
                int n = 1 + random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    lines.add(BasketLine.of(String.valueOf(i + 1), "SKU" + i, CATEGORIES[random.nextInt(2)],
                            1 + random.nextInt(3), Money.of(BigDecimal.valueOf(1 + random.nextInt(1200), 2), java.util.Currency.getInstance("EUR"))));
                }
                Purchase p = Purchase.of(STORES[random.nextInt(STORES.length)], "pos", lines);
                IdempotencyKey key = IdempotencyKey.of(member + "-p" + (++keys));
                Instant at = now;
                withCrash(crashing, crash, () -> program.purchase(ann, p, at, key));
                bought.add(new Bought(key, at, p, new HashMap<>()));
            } else if (kind < 7) {
                Bought b = bought.get(random.nextInt(bought.size()));
                withCrash(crashing, crash, () -> program.purchase(ann, b.purchase(), b.at(), b.key()));
            } else if (kind < 9) {
                Bought b = bought.get(random.nextInt(bought.size()));
                List<String> left = new ArrayList<>();
                for (BasketLine l : b.purchase().lines()) {
                    if (l.quantity() > b.returned().getOrDefault(l.lineId(), 0L)) {
                        left.add(l.lineId());
                    }
                }
                if (left.isEmpty()) {
                    continue;
                }
                String line = left.get(random.nextInt(left.size()));
                long max = quantity(b, line) - b.returned().getOrDefault(line, 0L);
                long units = 1 + random.nextInt((int) max);
                IdempotencyKey key = IdempotencyKey.of(member + "-r" + (++keys));
                Instant at = now;
                withCrash(crashing, crash, () -> program.returnPurchase(ann, b.key(), Map.of(line, units), at, key));
                b.returned().merge(line, units, Long::sum);
                lastReturn = key;
                lastReturnArgs = new Object[] {b, line, units, at};
            } else if (lastReturn != null) {
                Bought b = (Bought) lastReturnArgs[0];
                IdempotencyKey key = lastReturn;
                Object[] a = lastReturnArgs;
                withCrash(crashing, crash, () -> program.returnPurchase(ann, b.key(), Map.of((String) a[1], (Long) a[2]),
                        (Instant) a[3], key));
            }
            check(program, ledger, store, ann, bought, kept);
        }
    }

    private static long quantity(Bought b, String line) {
        for (BasketLine l : b.purchase().lines()) {
            if (l.lineId().equals(line)) {
                return l.quantity();
            }
        }
        throw new IllegalArgumentException(line);
    }

    /** Runs an operation; with a crash, the store fails once and the caller retries with the same key. */
    private static void withCrash(Crashing store, int crash, Runnable op) {
        store.failNext = crash;
        try {
            op.run();
        } catch (IllegalStateException injected) {
            assertThat(injected).hasMessageStartingWith("injected");
            store.failNext = 0;
            op.run();
        }
        store.failNext = 0;
    }

    private static void check(LoyaltyProgram program, Ledger ledger, ChallengeStore store, MemberId member,
            List<Bought> bought, Map<String, Long> kept) {
        long points = 0;
        for (Challenge c : CHALLENGES) {
            Map<String, Long> values = new HashMap<>();
            Map<String, Set<String>> stores = new HashMap<>();
            Map<String, TreeSet<LocalDate>> periods = new HashMap<>();
            for (Bought b : bought) {
                LocalDate day = periodStart(c, b.at());
                String w = c.window().key(day);
                long value = modelValue(c.goal(), b);
                values.merge(w, value, Long::sum);
                if (value > 0) {
                    stores.computeIfAbsent(w, k -> new HashSet<>()).add(b.purchase().store());
                    periods.computeIfAbsent(w, k -> new TreeSet<>()).add(day);
                }
            }
            for (Map.Entry<String, Long> e : values.entrySet()) {
                String w = e.getKey();
                long value;
                long standing;
                if (c.goal().period() != null) {
                    List<Long> runs = runs(c.goal().period(), periods.getOrDefault(w, new TreeSet<>()));
                    value = runs.stream().mapToLong(Long::longValue).max().orElse(0);
                    standing = 0;
                    for (long run : runs) {
                        standing += run / c.goal().target();
                    }
                    standing = c.repeatable() ? standing : Math.min(1, standing);
                } else {
                    value = c.goal().measure() == ChallengeGoal.Measure.STORES
                            ? stores.getOrDefault(w, Set.of()).size() : e.getValue();
                    standing = c.completions(value);
                }
                if (c.returnPolicy() == ReturnPolicy.KEEP) {
                    standing = Math.max(standing, kept.getOrDefault(c.id() + "/" + w, 0L));
                    kept.put(c.id() + "/" + w, standing);
                }
                ProgressRecord p = store.progress(member, c.id(), w)
                        .orElseGet(() -> ProgressRecord.empty(member, c.id(), w));
                assertThat(p.value()).as("progress of %s in %s", c.id(), w).isEqualTo(value);
                assertThat(p.standing()).as("standing rewards of %s in %s", c.id(), w).isEqualTo(standing);
                if (standing > 0 && c.badge() != null) {
                    kept.put("badge/" + c.badge(), 1L);
                }
                points += standing * c.rewardAmount();
            }
        }
        assertThat(ledger.balance(member, PTS).total()).as("points").isEqualTo(points);
        // a badge is held once its challenge was ever completed (a step only adds or only takes away, so
        // a completion is seen by the check after the step that made it), with the purchase that did
        Set<String> held = new java.util.TreeSet<>();
        for (io.github.loyaltyrules.engagement.Badge b : program.badges(member)) {
            held.add(b.id());
            assertThat(bought).as("badge %s names the completing purchase", b.id())
                    .anyMatch(x -> x.key().equals(b.purchase()) && x.at().equals(b.at()));
        }
        assertThat(held).as("badges").isEqualTo(kept.keySet().stream().filter(k -> k.startsWith("badge/"))
                .map(k -> k.substring(6)).collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
        Instant last = bought.get(bought.size() - 1).at();
        for (ChallengeProgress p : program.challengeProgress(member, last)) {
            Challenge c = CHALLENGES.stream().filter(x -> x.id().equals(p.challenge())).findFirst().orElseThrow();
            if (c.goal().period() == null) {
                assertThat(p.value()).isEqualTo(store.progress(member, p.challenge(), p.window())
                        .map(ProgressRecord::value).orElse(0L));
            } else {
                assertThat(p.value()).as("current streak of %s", c.id()).isEqualTo(currentRun(c, bought, last));
            }
        }
    }

    /** The first day of the streak period of {@code at}; the day for other goals. */
    private static LocalDate periodStart(Challenge c, Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZONE);
        return c.goal().period() == null ? day : c.goal().period().start(day);
    }

    /** The lengths of the runs of consecutive periods, by walking the calendar one period at a time. */
    static List<Long> runs(StreakPeriod period, TreeSet<LocalDate> active) {
        List<Long> out = new ArrayList<>();
        if (active.isEmpty()) {
            return out;
        }
        long run = 0;
        for (LocalDate d = active.first(); !d.isAfter(active.last()); d = period.next(d)) {
            if (active.contains(d)) {
                run++;
            } else if (run > 0) {
                out.add(run);
                run = 0;
            }
        }
        out.add(run);
        return out;
    }

    /**
     * The streak going at {@code now}: counted back period by period from the current period (or from
     * the one before, while the current has no kept purchase), within the current period's window.
     */
    private static long currentRun(Challenge c, List<Bought> bought, Instant now) {
        LocalDate current = periodStart(c, now);
        String window = c.window().key(current);
        Set<LocalDate> active = new HashSet<>();
        for (Bought b : bought) {
            if (modelValue(c.goal(), b) > 0) {
                active.add(periodStart(c, b.at()));
            }
        }
        LocalDate d = current;
        if (!active.contains(d)) {
            d = back(c.goal().period(), d);
        }
        long run = 0;
        while (active.contains(d) && c.window().key(d).equals(window)) {
            run++;
            d = back(c.goal().period(), d);
        }
        return run;
    }

    private static LocalDate back(StreakPeriod period, LocalDate start) {
        switch (period) {
            case DAY:
                return start.minusDays(1);
            case WEEK:
                return start.minusWeeks(1);
            default:
                return start.minusMonths(1);
        }
    }

    /** What the model says a purchase's kept lines add to a goal, computed from the basket. */
    static long modelValue(ChallengeGoal goal, Bought b) {
        long units = 0;
        long cents = 0;
        for (BasketLine l : b.purchase().lines()) {
            long keep = l.quantity() - b.returned().getOrDefault(l.lineId(), 0L);
            if (keep == 0 || (goal.category() != null && !goal.category().equals(l.category()))) {
                continue;
            }
            units += keep;
            cents += l.unitPrice().amount().movePointRight(2).longValueExact() * keep;
        }
        switch (goal.measure()) {
            case PURCHASES:
            case STORES:
            case STREAK:
                return units > 0 ? 1 : 0;
            case ITEMS:
                return units;
            default:
                return cents;
        }
    }
}
