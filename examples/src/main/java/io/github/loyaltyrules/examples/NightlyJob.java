package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.ledger.ExpiringPoints;
import io.github.loyaltyrules.ledger.ExpirySweep;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.report.ActivityReport;
import io.github.loyaltyrules.report.LiabilityReport;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.report.ReportTable;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.ExpiryProtection;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierExpiryHolds;
import io.github.loyaltyrules.tier.TierLadder;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A nightly batch job over many members: the expiry holds brought in line with the members' tiers,
 * the expiry sweep, a tier assessment, and "your points expire in 30 days" notices, each phase
 * reporting progress (members done / total) to a listener that this example prints as a text
 * progress bar; then the reports for the back office: the year's
 * activity so far, the liability tonight and when it expires (as text), and the activity month by
 * month (as CSV, for a spreadsheet). Before the reports it applies the program's retention of personal
 * data: receipts older than {@link #RETENTION} lose the copy of the member's profile they were stored
 * with ({@link LoyaltyProgram#applyRetention(Instant)}).
 *
 * <p>The notices are built from {@link Ledger#expiring(MemberId, PointCurrency, Period)} and handed
 * to a sender ({@code Consumer<Notice>}) exactly as a text-message or e-mail gateway would receive
 * them; {@link #main(String[])} prints them. The shop: points expire 6 months after they were
 * earned; tier points never expire and decide the tier (Gold from 200, Silver from 150), which a
 * {@link TierEngine} keeps. Points do not expire while their member is Gold, and expire 6 months
 * after the status ends ({@link #GOLD_KEEPS_POINTS}, an {@link ExpiryProtection}).
 *
 * <p>Before the sweep, the job runs {@link TierExpiryHolds#syncAll}: a hold is normally applied as
 * the member's tier changes (the {@link TierExpiryHolds} registered as the tier engine's listener),
 * but a crash between the tier change and the ledger, or a term added to a running program (as in
 * this shop, whose term is new tonight), leaves members whose holds do not match their tier
 * history; the sync applies them from the history, and must run before the sweep, which would
 * otherwise write off the points the term keeps.
 *
 * <p>The sweep reports its progress through
 * {@link Ledger#expire(Instant, io.github.loyaltyrules.ledger.ProgressListener)}, and the members are
 * read page by page with {@link Ledger#members(MemberId, int)}.
 */
public final class NightlyJob {

    static final ZoneId ZONE = ZoneId.of("America/New_York");
    static final PointCurrency POINTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final PointCurrency TIER_POINTS = PointCurrency.of("TIER", "Tier points", 0);
    /** Member, Silver from 150 and Gold from 200 tier points, counted over the membership. */
    static final TierLadder LADDER = TierLadder.builder().zone(ZONE).window(QualificationWindow.lifetime())
            .metrics(Metric.points(TIER_POINTS)).tier(Tier.of("Member"))
            .tier(Tier.of("Silver").withThreshold(Metric.points(TIER_POINTS), 150))
            .tier(Tier.of("Gold").withThreshold(Metric.points(TIER_POINTS), 200)).build();
    /** "Points do not expire while you are Gold; when your status ends, they expire 6 months after." */
    static final ExpiryProtection GOLD_KEEPS_POINTS = ExpiryProtection.of(POINTS.code(), Set.of("Gold"),
            ExpiryPolicy.afterTerm(Period.ofMonths(6)));
    static final Period NOTICE_HORIZON = Period.ofDays(30);
    /** How long receipts keep the copy of the member's profile (here the birthday) they were stored with. */
    static final Duration RETENTION = Duration.ofDays(90);
    /** When the job runs: 2 a.m. on 1 September 2026, New York time. */
    static final Instant TONIGHT = LocalDate.of(2026, 9, 1).atTime(2, 0).atZone(ZONE).toInstant();

    private static final int PAGE = 200;
    private static final DateTimeFormatter LONG_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);
    private static final DateTimeFormatter SHORT_DATE = DateTimeFormatter.ofPattern("MMM d", Locale.ENGLISH);

    private NightlyJob() {
    }

    /**
     * Receives the progress of a long-running phase.
     */
    @FunctionalInterface
    public interface ProgressListener {

        /**
         * Called as members are done, and once more when the phase is over ({@code done == total}).
         *
         * @param phase the phase's name
         * @param done how many members are done
         * @param total how many members there are
         */
        void progress(String phase, long done, long total);
    }

    /**
     * One message for a text-message or e-mail gateway.
     *
     * @param member the member it is about (never sent)
     * @param channel {@code "sms"} or {@code "email"}
     * @param to the phone number or e-mail address
     * @param subject the e-mail subject; empty for a text message
     * @param body the text
     * @param points how many points the notice is about
     */
    public record Notice(MemberId member, String channel, String to, String subject, String body, long points) {

        /**
         * Validates the notice.
         *
         * @param member the member it is about
         * @param channel {@code "sms"} or {@code "email"}
         * @param to the phone number or e-mail address
         * @param subject the e-mail subject; empty for a text message
         * @param body the text
         * @param points how many points the notice is about
         * @throws NullPointerException if a component is null
         */
        public Notice {
            Objects.requireNonNull(member, "member must not be null");
            Objects.requireNonNull(channel, "channel must not be null");
            Objects.requireNonNull(to, "to must not be null");
            Objects.requireNonNull(subject, "subject must not be null");
            Objects.requireNonNull(body, "body must not be null");
        }

        /**
         * Renders the notice as the gateway would log it.
         *
         * @return the text
         */
        public String render() {
            return channel.equals("sms") ? "SMS to " + to + ": " + body
                    : "E-mail to " + to + "\n  Subject: " + subject + "\n  " + body.replace("\n", "\n  ");
        }
    }

    /**
     * What one night's run did.
     *
     * @param sweep what the expiry sweep wrote off
     * @param membersPerTier how many members are in each tier after the assessment
     * @param notices how many notices were sent
     * @param pointsInNotices how many points the notices warn about
     */
    public record Summary(ExpirySweep sweep, Map<String, Long> membersPerTier, long notices, long pointsInNotices) {

        /**
         * Copies the map.
         *
         * @param sweep what the expiry sweep wrote off
         * @param membersPerTier how many members are in each tier
         * @param notices how many notices were sent
         * @param pointsInNotices how many points the notices warn about
         * @throws NullPointerException if a component is null
         */
        public Summary {
            Objects.requireNonNull(sweep, "sweep must not be null");
            membersPerTier = Map.copyOf(membersPerTier);
        }
    }

    /**
     * Seeds a shop with a thousand members and runs tonight's job, printing progress bars and the
     * first few notices of each channel to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        Shop shop = Shop.seeded(1000);
        PrintStream out = System.out;
        List<Notice> sample = new ArrayList<>(); // printed after the progress bars, not through them
        long[] perChannel = new long[2];
        Summary s = run(shop, notice -> {
            if (perChannel[notice.channel().equals("sms") ? 0 : 1]++ < 3) {
                sample.add(notice);
            }
        }, new ProgressBar(out, 30), out);
        out.println("-- what the text and e-mail gateways received (the first three of each) --");
        for (Notice n : sample) {
            out.println(n.render());
        }
        out.println("(and " + (s.notices() - sample.size()) + " more notices)");
    }

    /**
     * Runs tonight's job: the expiry holds (if the shop protects points by tier), the expiry sweep,
     * the tier assessment, the notices, then the reports.
     *
     * @param shop the shop's ledger and contact book
     * @param sender receives each notice
     * @param progress receives each phase's progress
     * @param out where the job's log is printed
     * @return what the job did
     * @throws NullPointerException if an argument is null
     */
    public static Summary run(Shop shop, Consumer<Notice> sender, ProgressListener progress, PrintStream out) {
        Objects.requireNonNull(sender, "sender must not be null");
        Objects.requireNonNull(progress, "progress listener must not be null");
        Ledger ledger = shop.ledger();
        Instant now = ledger.clock().instant();
        List<MemberId> members = shop.members();
        out.println("== Nightly job of " + now.atZone(ZONE).toLocalDate() + " over " + members.size() + " members ==");

        // first the holds, so that the sweep does not write off points a tier keeps
        Optional<TierExpiryHolds> holds = shop.expiryHolds();
        if (holds.isPresent()) {
            long synced = holds.get().syncAll(shop.tiers(), now);
            out.println("expiry holds: " + synced + " members' holds brought in line with their tiers");
        }
        ExpirySweep sweep = ledger.expire(now, (done, total) -> progress.progress("expiry", done, total));
        if (sweep.membersScanned() == 0) {
            progress.progress("expiry", 0, 0); // the ledger reports nothing for no members; end the phase
        }
        out.println("expiry sweep: " + sweep.expired().getOrDefault(POINTS.code(), 0L) + " points written off for "
                + sweep.postings() + " members");

        Map<String, Long> tiers = new TreeMap<>();
        int done = 0;
        for (MemberId m : members) {
            tiers.merge(shop.tiers().tierAt(m, now).name(), 1L, Long::sum);
            progress.progress("tiers", ++done, members.size());
        }
        out.println("tier assessment: " + tiers);

        long notices = 0;
        long points = 0;
        done = 0;
        for (MemberId m : members) {
            List<ExpiringPoints> expiring = ledger.expiring(m, POINTS, NOTICE_HORIZON);
            if (!expiring.isEmpty()) {
                Notice n = notice(m, shop.contact(m), expiring);
                sender.accept(n);
                notices++;
                points += n.points();
            }
            progress.progress("notices", ++done, members.size());
        }
        out.println("notices: " + notices + " sent about " + points + " points expiring by "
                + now.atZone(ZONE).plus(NOTICE_HORIZON).toLocalDate());
        long dropped = shop.program().applyRetention(now);
        out.println("retention: personal data dropped from " + dropped + " receipts older than " + RETENTION.toDays()
                + " days");
        printReports(ledger, shop.program(), now, out);
        return new Summary(sweep, tiers, notices, points);
    }

    /**
     * Prints the back office's reports, which the ledger's store computes (a JDBC store in SQL): the
     * points activity of the year up to the start of this month, the liability of each currency
     * tonight, the points by the month they expire in, and the activity month by month as CSV; then
     * the program's own report of the same months, from its records of purchases, events, returns
     * and rewards (members enrolled, active and participating, spend and average spend per member,
     * the figures per store).
     *
     * @param ledger the ledger
     * @param program the program
     * @param now tonight
     * @param out where to print them
     */
    static void printReports(Ledger ledger, LoyaltyProgram program, Instant now, PrintStream out) {
        YearMonth thisMonth = YearMonth.from(now.atZone(ZONE));
        YearMonth january = YearMonth.of(thisMonth.getYear(), 1);
        if (thisMonth.equals(january)) {
            january = january.minusYears(1); // on a January night, report the whole of last year
        }
        List<ActivityReport> months = ledger.activityByMonth(POINTS, january, thisMonth.minusMonths(1));
        ActivityReport soFar = ledger.activity(POINTS, months.get(0).from(), months.get(months.size() - 1).to());
        out.println("-- points activity from " + january + " to " + thisMonth.minusMonths(1) + " --");
        out.print(ReportTable.activity(List.of(soFar), ZONE).transposed().text());
        List<LiabilityReport> liability = List.of(ledger.liability(POINTS), ledger.liability(TIER_POINTS));
        out.println("-- liability tonight --");
        out.print(ReportTable.liability(liability).text());
        out.println("-- points by the month they expire in --");
        out.print(ReportTable.expiryMonths(liability.subList(0, 1)).text());
        out.println("-- month by month, as CSV --");
        out.print(ReportTable.activity(months, ZONE).csv());
        ProgramActivity programSoFar = program.activity(soFar.from(), soFar.to());
        out.println("-- the program from " + january + " to " + thisMonth.minusMonths(1) + " --");
        out.print(ReportTable.program(List.of(programSoFar), ZONE).transposed().text());
        out.print(ReportTable.spend(List.of(programSoFar), ZONE).text());
        out.println("-- per store --");
        out.print(ReportTable.stores(programSoFar, List.of(POINTS)).text());
    }

    private static Notice notice(MemberId member, String contact, List<ExpiringPoints> expiring) {
        long total = 0;
        Map<LocalDate, Long> byDay = new TreeMap<>();
        for (ExpiringPoints e : expiring) {
            total += e.amount();
            // Points expire at the start of a day: the day before is the last to spend them.
            byDay.merge(e.expiresAt().atZone(ZONE).minusNanos(1).toLocalDate(), e.amount(), Long::sum);
        }
        LocalDate first = byDay.keySet().iterator().next();
        StringBuilder parts = new StringBuilder();
        for (Map.Entry<LocalDate, Long> d : byDay.entrySet()) {
            if (parts.length() > 0) {
                parts.append(byDay.size() == 2 ? " and " : ", ");
            }
            parts.append(d.getValue()).append(" by ").append(SHORT_DATE.format(d.getKey()));
        }
        if (contact.contains("@")) {
            String subject = "Spend your points by " + LONG_DATE.format(first);
            String body = "Hello,\n" + total + " of your points will expire in the next 30 days (" + parts + ").\n"
                    + "Spend them in any store or at shop.example/rewards before they go.";
            return new Notice(member, "email", contact, subject, body, total);
        }
        return new Notice(member, "sms", contact, "", total + " of your points expire soon: spend " + parts
                + ". Use them at shop.example/rewards. Reply STOP to opt out.", total);
    }

    /** Prints each phase's progress as a text bar, redrawn in place every 5 per cent. */
    public static final class ProgressBar implements ProgressListener {
        private final PrintStream out;
        private final int width;
        private long lastStep = -1;

        /**
         * Creates a bar.
         *
         * @param out where to draw it
         * @param width how many characters the bar has
         * @throws NullPointerException if {@code out} is null
         * @throws IllegalArgumentException if {@code width} is not positive
         */
        public ProgressBar(PrintStream out, int width) {
            if (width <= 0) {
                throw new IllegalArgumentException("progress bar width must be positive; got " + width);
            }
            this.out = Objects.requireNonNull(out, "out must not be null");
            this.width = width;
        }

        @Override
        public void progress(String phase, long done, long total) {
            long step = total == 0 ? 20 : done * 20 / total;
            if (step == lastStep && done != total) {
                return;
            }
            lastStep = step;
            int filled = (int) (total == 0 ? width : done * width / total);
            out.print("\r" + String.format("%-8s", phase) + "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] "
                    + done + "/" + total);
            if (done == total) {
                out.println();
                lastStep = -1;
            }
        }
    }

    /**
     * The shop the job runs for: the ledger, the tier engine, the expiry protection terms, and each
     * member's phone number or e-mail address (the shop's contact book, which the library does not keep).
     */
    public static final class Shop {
        private final Ledger ledger;
        private final LoyaltyProgram program;
        private final TierEngine tiers;
        private final TierExpiryHolds expiryHolds;
        private final Map<MemberId, String> contacts;

        private Shop(Ledger ledger, LoyaltyProgram program, TierEngine tiers, TierExpiryHolds expiryHolds,
                Map<MemberId, String> contacts) {
            this.ledger = ledger;
            this.program = program;
            this.tiers = tiers;
            this.expiryHolds = expiryHolds;
            this.contacts = contacts;
        }

        /**
         * Returns a shop of {@code count} members with half a year of history, its clock set to tonight.
         *
         * <p>Members fall into four groups by number: 0 earned 100 points in February (expired by
         * tonight) and 50 in July; 1 earned 80 and 40 in mid-March (expiring within 30 days); 2
         * earned 100 on 25 February (due on 25 August) and 100 on 1 May, which made them Gold; 3
         * earned 30 in February and 60 in March and spent 60 in April, which took the older lot
         * first and leaves 30 expiring on 10 September. Each earning also earns as many tier
         * points, recorded by the tier engine. The shop keeps Gold members' points
         * ({@link #GOLD_KEEPS_POINTS}), a term new tonight: no hold is applied yet. Every other pair of members is reached by e-mail, the rest by text. Each
         * member also gave a birthday when enrolling and made a welcome visit, recorded by the program (its
         * receipt keeps the profile as the rules saw it, until the retention drops it).
         *
         * @param count how many members
         * @return the shop
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public static Shop seeded(int count) {
            return seeded(count, List.of(GOLD_KEEPS_POINTS));
        }

        /**
         * Returns the shop of {@link #seeded(int)} with other expiry protection terms, e.g. none.
         *
         * @param count how many members
         * @param terms the expiry protection terms; empty for none
         * @return the shop
         * @throws NullPointerException if {@code terms} or a term is null
         * @throws IllegalArgumentException if {@code count} is negative
         */
        public static Shop seeded(int count, List<ExpiryProtection> terms) {
            if (count < 0) {
                throw new IllegalArgumentException("member count must not be negative; got " + count);
            }
            Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(TONIGHT, ZONE))
                    .currency(POINTS).currency(TIER_POINTS).build();
            // the visits earn nothing here: the points of this shop are posted to the ledger directly
            LoyaltyProgram program = LoyaltyProgram.builder(ledger, ProgramVersion.of("visits",
                    ctx -> new Evaluation(List.of()), List.of())).personalDataRetention(RETENTION).build();
            // the tier changes of the seeded history reach no listener: the terms are new tonight
            TierEngine tiers = TierEngine.of(LADDER);
            Map<MemberId, String> contacts = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                MemberId m = MemberId.of(String.format("m%05d", i));
                contacts.put(m, (i / 4) % 2 == 0 ? String.format("+1555%07d", i) : "member" + i + "@example.com");
                ledger.enrol(m, at(2026, 1, 2));
                tiers.enrol(m, at(2026, 1, 2));
                program.updateProfile(m, Set.of(), Map.of(), LocalDate.of(1970 + i % 40, 1 + i % 12, 1 + i % 28));
                program.purchase(m, Purchase.of("store-1", "pos", List.of(BasketLine.of("1", "WELCOME", "gift", 1,
                        Money.of("1.00", "USD")))), at(2026, 1, 2), IdempotencyKey.of(m + "/visit"));
                switch (i % 4) {
                    case 0 -> {
                        earn(ledger, tiers, m, 100, at(2026, 2, 10));
                        earn(ledger, tiers, m, 50, at(2026, 7, 1));
                    }
                    case 1 -> {
                        earn(ledger, tiers, m, 80, at(2026, 3, 15));
                        earn(ledger, tiers, m, 40, at(2026, 3, 20));
                    }
                    case 2 -> {
                        earn(ledger, tiers, m, 100, at(2026, 2, 25));
                        earn(ledger, tiers, m, 100, at(2026, 5, 1));
                    }
                    default -> {
                        earn(ledger, tiers, m, 30, at(2026, 2, 20));
                        earn(ledger, tiers, m, 60, at(2026, 3, 10));
                        ledger.redeem(m, POINTS.points(60), at(2026, 4, 1), IdempotencyKey.of(m + "/redeem"),
                                "gift card");
                    }
                }
            }
            TierExpiryHolds holds = terms.isEmpty() ? null : TierExpiryHolds.of(ledger, LADDER, terms);
            return new Shop(ledger, program, tiers, holds, contacts);
        }

        private static Instant at(int year, int month, int day) {
            return LocalDate.of(year, month, day).atTime(LocalTime.NOON).atZone(ZONE).toInstant();
        }

        private static void earn(Ledger ledger, TierEngine tiers, MemberId m, long points, Instant at) {
            String key = m + "/" + at.atZone(ZONE).toLocalDate();
            ledger.earn(m, POINTS.points(points), at, IdempotencyKey.of(key + "/pts"), "purchase");
            ledger.earn(m, TIER_POINTS.points(points), at, IdempotencyKey.of(key + "/tier"), "purchase");
            tiers.record(m, TIER_POINTS.points(points), at, IdempotencyKey.of(key + "/status"));
        }

        /**
         * Returns the ledger.
         *
         * @return the ledger
         */
        public Ledger ledger() {
            return ledger;
        }

        /**
         * Returns every enrolled member, in id order, page by page from the ledger.
         *
         * @return the members
         */
        public List<MemberId> members() {
            List<MemberId> all = new ArrayList<>();
            MemberId after = null;
            while (true) {
                List<MemberId> page = ledger.members(after, PAGE);
                all.addAll(page);
                if (page.size() < PAGE) {
                    return all;
                }
                after = page.get(page.size() - 1);
            }
        }

        /**
         * Returns the program that records the shop's visits.
         *
         * @return the program
         */
        public LoyaltyProgram program() {
            return program;
        }

        /**
         * Returns the tier engine that keeps the members' tiers.
         *
         * @return the tier engine
         */
        public TierEngine tiers() {
            return tiers;
        }

        /**
         * Returns what applies the shop's expiry protection terms to the ledger, if it has any.
         *
         * @return the holds, or empty if no tier protects points from expiring
         */
        public Optional<TierExpiryHolds> expiryHolds() {
            return Optional.ofNullable(expiryHolds);
        }

        /**
         * Returns a member's phone number or e-mail address.
         *
         * @param member the member
         * @return the contact
         * @throws IllegalArgumentException if the shop has no contact for the member
         */
        public String contact(MemberId member) {
            String c = contacts.get(member);
            if (c == null) {
                throw new IllegalArgumentException("no contact for member " + member);
            }
            return c;
        }
    }
}
