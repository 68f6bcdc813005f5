package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.expiry.ExpiryPolicy;
import io.github.loyaltyrules.feed.Change;
import io.github.loyaltyrules.feed.ChangeFeed;
import io.github.loyaltyrules.feed.ChangePage;
import io.github.loyaltyrules.feed.FeedPosition;
import io.github.loyaltyrules.feed.PostingChange;
import io.github.loyaltyrules.feed.TierMoved;
import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import io.github.loyaltyrules.jdbc.JdbcTierStore;
import io.github.loyaltyrules.ledger.ExpiringPoints;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingType;
import io.github.loyaltyrules.ledger.UnknownMemberException;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierFeed;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * A notification process that runs beside the application servers, reading the durable change
 * feed ({@link ChangeFeed}) of the shared database: for each points earning it sends "you earned"
 * (and, when some of the member's points expire within {@link #EXPIRY_HORIZON}, "expiring soon"),
 * for each tier change "you are now Gold". It keeps its {@link FeedPosition} in a file, written
 * after each change it has handed to the sender (a new file moved over the old one), so a restarted
 * process (on this server or another) goes on from the next change: no member is notified twice of
 * one change, and no change is skipped, whichever server posted it.
 *
 * <p>Notices name the member's id only (the pseudonym of an erased member); the sender looks up
 * the address. {@link #main(String[])} runs a shop on an in-memory H2 database, runs the process,
 * posts more, then starts a new process (new store instances) on the same position file.
 */
public final class NotificationFeed {

    static final ZoneId ZONE = ZoneId.of("Europe/Paris");
    /** Points expire a year after they were earned. */
    static final PointCurrency POINTS = PointCurrency.of("PTS", "Points", 0)
            .withExpiry(ExpiryPolicy.afterTerm(Period.ofYears(1)));
    static final Metric QUALIFYING = Metric.points(POINTS);
    /** How far ahead "expiring soon" looks. */
    static final Period EXPIRY_HORIZON = Period.ofDays(30);
    private static final int PAGE = 100;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    /**
     * A message for a member, as a text-message or e-mail gateway would receive it.
     *
     * @param member the member's id
     * @param kind {@code EARNED}, {@code EXPIRING_SOON} or {@code TIER_CHANGED}
     * @param text the message
     * @since 0.1.0
     */
    public record Notice(MemberId member, String kind, String text) {
    }

    private final ChangeFeed feed;
    private final Ledger ledger;
    private final Path positionFile;
    private final Consumer<Notice> sender;

    /**
     * Creates the process.
     *
     * @param feed the change feed to read
     * @param ledger the ledger, read for the member's expiring points
     * @param positionFile where the position is kept (created on the first change)
     * @param sender receives each notice
     */
    public NotificationFeed(ChangeFeed feed, Ledger ledger, Path positionFile, Consumer<Notice> sender) {
        this.feed = Objects.requireNonNull(feed, "feed");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.positionFile = Objects.requireNonNull(positionFile, "positionFile");
        this.sender = Objects.requireNonNull(sender, "sender");
    }

    /**
     * Reads the feed from the saved position until it has caught up, sending the notices of each
     * change and saving the position after it. If the sender fails, the position stays before that
     * change, so the next run sends its notices again (a gateway that drops repeats by member and
     * change makes that exactly once; saving the position in the same transaction as the effect
     * does too).
     *
     * @return how many changes were read
     */
    public int runOnce() {
        FeedPosition at = position();
        int read = 0;
        while (true) {
            ChangePage page = feed.changesAfter(at, PAGE);
            for (Change change : page.changes()) {
                for (Notice notice : notices(change)) {
                    sender.accept(notice);
                }
                at = change.position();
                save(at);
                read++;
            }
            if (page.changes().size() < PAGE) {
                return read;
            }
        }
    }

    /** The notices one change makes: none for most postings. */
    List<Notice> notices(Change change) {
        List<Notice> out = new ArrayList<>(2);
        if (change instanceof PostingChange p && p.type() == PostingType.EARN && p.currency().equals(POINTS.code())) {
            out.add(new Notice(p.member(), "EARNED", "You earned " + p.amount() + " points on "
                    + DAY.format(p.at().atZone(ZONE)) + "."));
            long soon = 0;
            Instant first = null;
            try {
                for (ExpiringPoints e : ledger.expiring(p.member(), POINTS, EXPIRY_HORIZON)) {
                    soon += e.amount();
                    first = first == null || e.expiresAt().isBefore(first) ? e.expiresAt() : first;
                }
            } catch (UnknownMemberException e) {
                // erased or closed since: nothing to warn about
            }
            if (soon > 0) {
                out.add(new Notice(p.member(), "EXPIRING_SOON", soon + " of your points expire from "
                        + DAY.format(first.atZone(ZONE)) + ": use them before then."));
            }
        } else if (change instanceof TierMoved t) {
            out.add(new Notice(t.member(), "TIER_CHANGED", "You are now " + t.to() + " (was " + t.from() + ")."));
        }
        return out;
    }

    /** The saved position, or the start. */
    FeedPosition position() {
        try {
            return Files.exists(positionFile)
                    ? FeedPosition.parse(Files.readString(positionFile, StandardCharsets.UTF_8).strip())
                    : FeedPosition.START;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the feed position", e);
        }
    }

    private void save(FeedPosition at) {
        Path next = positionFile.resolveSibling(positionFile.getFileName() + ".next");
        try {
            Files.writeString(next, at.text(), StandardCharsets.UTF_8);
            try {
                Files.move(next, positionFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(next, positionFile, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the feed position", e);
        }
    }

    /** The shop's side: a ledger and tier engine over the shared database, as each application server has. */
    record Shop(Ledger ledger, TierEngine tiers) {

        static Shop on(DataSource db, Instant now) {
            TierLadder ladder = TierLadder.builder().zone(ZONE).window(QualificationWindow.calendarYear())
                    .metrics(QUALIFYING).tier(Tier.of("Member")).tier(Tier.of("Silver").withThreshold(QUALIFYING, 500))
                    .tier(Tier.of("Gold").withThreshold(QUALIFYING, 2_000)).build();
            TierEngine tiers = TierEngine.of(ladder, TierListener.NONE, JdbcTierStore.of(db));
            Ledger ledger = Ledger.builder().zone(ZONE).clock(Clock.fixed(now, ZONE)).currency(POINTS)
                    .store(JdbcLedgerStore.of(db)).listener(TierFeed.of(tiers)).build();
            return new Shop(ledger, tiers);
        }
    }

    /** The notification process's side: the feed over the shared database, new store instances. */
    static NotificationFeed process(DataSource db, Instant now, Path positionFile, Consumer<Notice> sender) {
        ChangeFeed feed = ChangeFeed.of(JdbcLedgerStore.of(db), JdbcTierStore.of(db));
        return new NotificationFeed(feed, Shop.on(db, now).ledger(), positionFile, sender);
    }

    /** A data source over a JDBC URL, for the example. */
    static DataSource dataSource(String url) {
        return (DataSource) java.lang.reflect.Proxy.newProxyInstance(DataSource.class.getClassLoader(),
                new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return DriverManager.getConnection(url);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /**
     * Runs the example: posts on an in-memory H2 database, runs the notification process, posts
     * more, and runs a new process from the saved position.
     *
     * @param args ignored
     * @throws IOException if the position file cannot be written
     * @throws SQLException if the database fails
     */
    public static void main(String[] args) throws IOException, SQLException {
        String url = "jdbc:h2:mem:notifications;DB_CLOSE_DELAY=-1";
        try (Connection keepAlive = DriverManager.getConnection(url)) {
            DataSource db = dataSource(url);
            JdbcLedgerStore.of(db).migrate();
            Path position = Files.createTempFile("loyalty-feed", ".position");
            Files.delete(position);
            PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
            Consumer<Notice> print = n -> out.println("  to " + n.member().value() + " [" + n.kind() + "] " + n.text());

            Instant march = LocalDate.of(2026, 3, 2).atTime(10, 0).atZone(ZONE).toInstant();
            Shop shop = Shop.on(db, march);
            for (String m : List.of("ana", "ben", "cho")) {
                shop.ledger().enrol(MemberId.of(m), march);
            }
            shop.ledger().earn(MemberId.of("ana"), POINTS.points(600), march, IdempotencyKey.of("order-1"), "order 1");
            shop.ledger().earn(MemberId.of("ben"), POINTS.points(120), march, IdempotencyKey.of("order-2"), "order 2");
            shop.ledger().redeem(MemberId.of("ana"), POINTS.points(100), march, IdempotencyKey.of("gift-1"), "gift");
            out.println("Notification process, first run (position " + process(db, march, position, print).position()
                    + "):");
            int read = process(db, march, position, print).runOnce();
            out.println("  (" + read + " changes read, position saved: " + Files.readString(position) + ")");

            Instant february = LocalDate.of(2027, 2, 14).atTime(9, 0).atZone(ZONE).toInstant();
            Shop later = Shop.on(db, february);
            later.ledger().earn(MemberId.of("cho"), POINTS.points(2_500), february, IdempotencyKey.of("order-3"),
                    "order 3");
            later.ledger().earn(MemberId.of("ana"), POINTS.points(50), february, IdempotencyKey.of("order-4"), "order 4");
            out.println("After a restart, a new process resumes from the saved position:");
            read = process(db, february, position, print).runOnce();
            out.println("  (" + read + " changes read, position saved: " + Files.readString(position) + ")");
            out.println("Running again sends nothing: " + process(db, february, position, print).runOnce()
                    + " changes read.");
            Files.deleteIfExists(position);
        }
    }
}
