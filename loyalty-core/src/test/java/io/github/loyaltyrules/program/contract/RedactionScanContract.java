package io.github.loyaltyrules.program.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.LedgerListener;
import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.PostingRequest;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Pseudonyms;
import io.github.loyaltyrules.program.VoucherConversion;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.MemberProfile;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.QualificationWindow;
import io.github.loyaltyrules.tier.Tier;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import io.github.loyaltyrules.tier.TierListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The suite-wide redaction scan: plants distinctive personal values (e-mail, phone, birthday, first
 * and last name and a street as profile attributes, tags, event text, and free-text reasons of
 * redemptions, adjustments, transfers, status changes and status matches), drives every operation of
 * the program, the ledger and the tier engine, the successful ones and the failing ones (another
 * member's key replayed with other content, insufficient points, unknown reward, inactive account,
 * invalid amounts, a return beyond the purchase, look-ups after an erasure...), and collects every
 * exception message (with causes and suppressed exceptions), every {@code toString} of what the
 * calls return and of the events the listeners get, and everything logged through
 * {@link System.Logger} (the JDK's default backend is {@code java.util.logging}, whose root handler
 * this test replaces while it runs). None may hold a planted value; what the first member gets for
 * replaying the second member's keys may not show the second member's id, basket or reasons either.
 * (Amounts given as text are echoed when malformed: they are not personal fields.)
 *
 * <p>The scan proves it looked: the planted values are stored (the export holds them), every
 * failing call failed with the expected exception, and the log received the listener failures.
 */
public abstract class RedactionScanContract {

    static final Instant NOW = PrivacyContract.NOW;
    static final Instant T0 = PrivacyContract.T0;
    static final PointCurrency PTS = PrivacyContract.PTS;
    static final PointCurrency TQP = PrivacyContract.TQP;

    /** The member whose personal data is planted, and who replays the victim's keys. */
    static final MemberId ZED = MemberId.of("member-4471");
    /** The member whose keys Zed replays: their id, basket and reasons must not show in Zed's errors. */
    static final MemberId VICTIM = MemberId.of("victim-8K2W");
    static final String EMAIL = "zebedee.quixlington@example.invalid";
    static final String PHONE = "+447946099123";
    static final LocalDate BIRTHDAY = LocalDate.of(1979, 2, 28);
    static final String FIRST = "Zebedee";
    static final String LAST = "Quixlington";
    static final String STREET = "Wobblewick Lane";
    static final String TAG = "tag-expecting-twins";
    /** Every personal value planted; none may show anywhere. */
    static final List<String> PLANTED = List.of(EMAIL, PHONE, BIRTHDAY.toString(), "28.02.1979", "1979", FIRST, LAST,
            STREET, TAG);
    /** What is the victim's; none may show in what Zed's replays of the victim's keys produce. */
    static final List<String> VICTIMS = List.of(VICTIM.value(), "SKU-VICTIM-9", "victim-store", "Vsecret");

    /** Everything shown, by where it came from. */
    private final List<String> shown = new CopyOnWriteArrayList<>();
    /** What Zed's requests that replay the victim's keys produced. */
    private final List<String> replays = new CopyOnWriteArrayList<>();
    /** Whether the calls now are Zed's replays of the victim's keys. */
    private boolean replaying;
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private int failures;
    /** Failing calls that did not fail as expected. */
    private final List<String> unexpected = new ArrayList<>();
    private Handler handler;
    /** The parent of the library's loggers (held: the log manager keeps loggers weakly). */
    private Logger library;
    private Level libraryLevel;
    private static final String LIBRARY = "io.github.loyaltyrules";
    private Handler[] rootHandlers;

    /** Returns the stores of a new, empty database. */
    protected abstract PrivacyContract.Stores newStores();

    // ------------------------------------------------------------------ the log

    @BeforeEach
    void captureTheLog() {
        Logger root = Logger.getLogger("");
        rootHandlers = root.getHandlers();
        handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                StringBuilder text = new StringBuilder(r.getLoggerName() + " " + r.getLevel() + " "
                        + new SimpleFormatter().formatMessage(r) + " " + r.getMessage());
                if (r.getParameters() != null) {
                    for (Object p : r.getParameters()) {
                        text.append(' ').append(p);
                    }
                }
                List<String> thrown = new ArrayList<>();
                throwable(r.getThrown(), thrown, Collections.newSetFromMap(new IdentityHashMap<>()));
                thrown.forEach(t -> text.append(' ').append(t));
                logged.add(text.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        for (Handler h : rootHandlers) {
            root.removeHandler(h); // quiet: the listener failures below are logged on purpose
        }
        root.addHandler(handler);
        // every level of the library's loggers (their lazy messages are built too); others' (a JDBC
        // driver's traces of the statements' parameters) at the level configured
        library = Logger.getLogger(LIBRARY);
        libraryLevel = library.getLevel();
        library.setLevel(Level.ALL);
        System.getLogger(LIBRARY + ".canary").log(System.Logger.Level.TRACE, "canary");
        assertThat(logged).as("the capture sees the library's System.Logger at every level").hasSize(1);
        logged.clear();
    }

    @AfterEach
    void restoreTheLog() {
        Logger root = Logger.getLogger("");
        root.removeHandler(handler);
        for (Handler h : rootHandlers) {
            root.addHandler(h);
        }
        library.setLevel(libraryLevel);
    }

    // ------------------------------------------------------------------ collecting

    /** Shows what a successful call returned: its toString, and its elements' if it is a collection or an optional. */
    private <T> T ok(Supplier<T> call) {
        T value = call.get();
        show(value);
        return value;
    }

    private void show(Object value) {
        List<String> texts = new ArrayList<>();
        texts(value, texts);
        shown.addAll(texts);
        if (replaying) {
            replays.addAll(texts);
        }
    }

    private static void texts(Object value, List<String> out) {
        out.add(String.valueOf(value));
        if (value instanceof Optional<?> o && o.isPresent()) {
            texts(o.get(), out);
        } else if (value instanceof Collection<?> c) {
            c.forEach(e -> texts(e, out));
        } else if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> {
                texts(k, out);
                texts(v, out);
            });
        }
    }

    /** Runs a call that must fail with {@code type}; shows its message, toString, causes and suppressed exceptions. */
    private void fails(Class<? extends Throwable> type, Runnable call) {
        Throwable thrown = null;
        try {
            call.run();
        } catch (Throwable t) {
            thrown = t;
        }
        failures++;
        if (!type.isInstance(thrown)) {
            unexpected.add("failing call #" + failures + " (" + new Throwable().getStackTrace()[1] + ") gave " + thrown);
            return;
        }
        List<String> texts = new ArrayList<>();
        throwable(thrown, texts, Collections.newSetFromMap(new IdentityHashMap<>()));
        shown.addAll(texts);
        if (replaying) {
            replays.addAll(texts);
        }
    }

    private static void throwable(Throwable t, List<String> out, Set<Throwable> seen) {
        if (t == null || !seen.add(t)) {
            return;
        }
        out.add(t.toString());
        out.add(String.valueOf(t.getMessage()));
        out.add(String.valueOf(t.getLocalizedMessage()));
        if (t instanceof LoyaltyException e) {
            out.add(String.valueOf(e.reason()));
        }
        throwable(t.getCause(), out, seen);
        for (Throwable s : t.getSuppressed()) {
            throwable(s, out, seen);
        }
    }

    // ------------------------------------------------------------------ the scenario

    static IdempotencyKey key(String k) {
        return IdempotencyKey.of(k);
    }

    static Purchase basket(String sku, String store, String... prices) {
        List<BasketLine> lines = new ArrayList<>();
        for (int i = 0; i < prices.length; i++) {
            lines.add(BasketLine.of(String.valueOf(i + 1), sku, "coffee", 1, Money.of(prices[i], "EUR")));
        }
        return Purchase.of(store, "pos", lines);
    }

    @Test
    void noPlantedValueShowsInAnyMessageToStringOrLogLine() {
        PrivacyContract.Stores stores = newStores();
        LedgerListener ledgerListener = e -> {
            show(e);
            if (e.toString().contains("TRANSFER")) {
                throw new IllegalStateException("the listener's own failure");
            }
        };
        TierListener tierListener = e -> {
            show(e);
            throw new IllegalStateException("the tier listener's own failure");
        };
        Ledger ledger = Ledger.builder().zone(PrivacyContract.ZONE).clock(Clock.fixed(NOW, PrivacyContract.ZONE))
                .currency(PTS).currency(TQP).store(stores.ledger()).listener(ledgerListener).build();
        TierLadder ladder = TierLadder.builder().zone(PrivacyContract.ZONE).window(QualificationWindow.calendarYear())
                .metrics(Metric.points(TQP)).tier(Tier.of("Green"))
                .tier(Tier.of("Gold").withThreshold(Metric.points(TQP), 40)).build();
        TierEngine tiers = TierEngine.of(ladder, tierListener, stores.tiers());
        ProgramVersion v1 = PrivacyContract.V1.withVoucherConversions(
                VoucherConversion.of(PTS.points(10), Money.of("1.00", "EUR")).validFor(Period.ofMonths(3)));
        LoyaltyProgram program = LoyaltyProgram.builder(ledger, v1).tierEngine(tiers).store(stores.program())
                .pseudonyms(Pseudonyms.keyed(PrivacyContract.KEY)).build();

        // the victim: enrolled with a basket, a redemption, a reservation, an event and a return of their own
        ok(() -> program.enrol(VICTIM, T0.minusSeconds(3600)));
        ok(() -> { program.updateProfile(VICTIM, Set.of("student"), Map.of("email", "v@example.invalid"), null);
            return null; });
        ok(() -> program.purchase(VICTIM, basket("SKU-VICTIM-9", "victim-store", "40.00", "5.00"), T0, key("v-1")));
        ok(() -> program.redeem(VICTIM, PTS.points(3), T0.plusSeconds(10), key("v-redeem"), "Vsecret goodwill"));
        ok(() -> program.reserve(VICTIM, PTS.points(2), Duration.ofDays(1), T0.plusSeconds(20), key("v-hold"),
                "Vsecret checkout"));
        ok(() -> program.event(VICTIM, new MemberEvent("review", Map.of("text", "Vsecret review")), T0.plusSeconds(30),
                key("v-review")));
        ok(() -> program.returnPurchase(VICTIM, key("v-1"), Map.of("2", 1L), T0.plusSeconds(40), key("v-return")));
        ok(() -> ledger.earn(VICTIM, PTS.points(7), T0.plusSeconds(50), key("v-earn"), "Vsecret bonus"));

        // Zed: every successful operation, with the personal data planted
        ok(() -> program.enrol(ZED, T0.minusSeconds(3600)));
        ok(() -> { program.updateProfile(ZED, Set.of(TAG, "staff"), Map.of("email", EMAIL, "phone", PHONE,
                "firstName", FIRST, "lastName", LAST, "street", STREET + " 4"), BIRTHDAY); return null; });
        ok(() -> program.store().member(ZED));
        ok(() -> program.quote(ZED, basket("SKU-1", "store-1", "12.50", "30.00"), T0, key("z-quote")));
        ok(() -> program.purchase(ZED, basket("SKU-1", "store-1", "12.50", "30.00"), T0, key("z-1")));
        ok(() -> program.purchase(ZED, basket("SKU-1", "store-1", "12.50", "30.00"), T0, key("z-1"))); // a retry
        ok(() -> program.event(ZED, new MemberEvent("review", Map.of("text", FIRST + " " + LAST + " of " + STREET)),
                T0.plusSeconds(60), key("z-review")));
        ok(() -> program.returnPurchase(ZED, key("z-1"), Map.of("1", 1L), T0.plusSeconds(120), key("z-return")));
        ok(() -> program.redeemReward(ZED, "cup", T0.plusSeconds(180), key("z-cup")));
        ok(() -> program.redeem(ZED, PTS.points(2), T0.plusSeconds(240), key("z-redeem"), "refund for " + FIRST
                + " " + LAST + ", " + EMAIL));
        ok(() -> program.reserve(ZED, PTS.points(3), Duration.ofHours(1), T0.plusSeconds(300), key("z-hold"),
                "checkout of " + LAST));
        ok(() -> program.capture(ZED, key("z-hold"), T0.plusSeconds(360), key("z-hold-capture")));
        ok(() -> program.reserve(ZED, PTS.points(1), Duration.ofHours(1), T0.plusSeconds(420), key("z-hold-2"),
                "checkout of " + LAST));
        ok(() -> program.release(ZED, key("z-hold-2"), T0.plusSeconds(480), key("z-hold-2-release")));
        ok(() -> ledger.adjustCredit(ZED, PTS.points(20), T0.plusSeconds(500), key("z-credit"), "goodwill, phone "
                + PHONE));
        ok(() -> ledger.adjustDebit(ZED, PTS.points(1), T0.plusSeconds(510), key("z-debit"), "correction for "
                + FIRST));
        ok(() -> ledger.earn(ZED, PTS.points(9), T0.plusSeconds(515), key("z-earn"), "birthday " + BIRTHDAY));
        ok(() -> ledger.reverse(ZED, key("z-earn"), PTS.points(4), T0.plusSeconds(520), key("z-reverse"),
                "reversed at " + LAST + "'s request"));
        ok(() -> ledger.transfer(ZED, VICTIM, PTS.points(2), T0.plusSeconds(540), key("z-gift"), "gift from "
                + FIRST));
        ok(() -> ledger.post(List.of(new PostingRequest.Earn(ZED, PTS.points(5), T0.plusSeconds(550), key("z-batch"),
                "batch for " + LAST))));
        ok(() -> tiers.assign(ZED, "Gold", T0.plusSeconds(660), T0.plus(Duration.ofDays(90)), "status match from "
                + FIRST + " " + LAST + "'s airline card", key("z-match")));
        ok(() -> tiers.record(ZED, TQP.points(3), T0.plusSeconds(670), key("z-tqp")));
        ok(() -> ledger.suspend(ZED, T0.plusSeconds(720), "paused at " + FIRST + "'s request, " + EMAIL));
        ok(() -> ledger.reactivate(ZED, T0.plusSeconds(780), LAST + " is back"));
        ok(() -> ledger.expire(T0.plus(Duration.ofDays(31))));
        ok(() -> program.convertToVouchers(T0.plus(Duration.ofDays(32)), v -> show(v), (d, t) -> { }));
        ok(() -> program.vouchers(ZED, T0.plus(Duration.ofDays(32)).atZone(PrivacyContract.ZONE).toLocalDate()));

        // Zed's reads
        ok(() -> program.receipt(key("z-1")));
        ok(() -> program.receipt(key("z-review")));
        ok(() -> program.store().receipt(key("z-1")));
        ok(() -> program.store().records(ZED));
        ok(() -> program.store().returns(key("z-1")));
        ok(() -> ledger.account(ZED));
        ok(() -> ledger.balance(ZED, PTS));
        ok(() -> ledger.lots(ZED, PTS));
        ok(() -> ledger.statement(ZED));
        ok(() -> ledger.reservations(ZED));
        ok(() -> ledger.posting(key("z-redeem")));
        ok(() -> ledger.posting(key("z-gift")));
        ok(() -> ledger.expiring(ZED, PTS, Period.ofDays(400)));
        ok(() -> ledger.liability(PTS));
        ok(() -> ledger.activityByMonth(PTS, YearMonth.of(2026, 3), YearMonth.of(2026, 4)));
        ok(() -> tiers.history(ZED));
        ok(() -> tiers.state(ZED));
        ok(() -> tiers.progress(ZED, NOW));
        ok(() -> tiers.tierAt(ZED, NOW));
        ReceiptRecord stored = program.store().receipt(key("z-1")).orElseThrow();
        MemberProfile seen = stored.profile();
        show(seen);
        show(stored.activity());
        show(program.store().receipt(key("z-review")).orElseThrow().activity());
        show(new PostingRequest.Redeem(ZED, PTS.points(1), NOW, key("z-x"), "for " + FIRST));
        show(new PostingRequest.Transfer(ZED, VICTIM, PTS.points(1), NOW, key("z-y"), "for " + LAST));

        // Zed replays the victim's keys with other content
        replaying = true;
        fails(LoyaltyException.class, () -> program.purchase(ZED, basket("SKU-1", "store-1", "1.00"), T0, key("v-1")));
        fails(LoyaltyException.class, () -> program.purchase(ZED, basket("SKU-1", "store-1", "1.00"), T0,
                key("v-review")));
        fails(LoyaltyException.class, () -> program.event(ZED, new MemberEvent("review", Map.of("text", FIRST)),
                T0.plusSeconds(30), key("v-review")));
        fails(LoyaltyException.class, () -> program.event(ZED, new MemberEvent("review", Map.of("text", FIRST)),
                T0.plusSeconds(30), key("v-1")));
        fails(LoyaltyException.class, () -> program.returnPurchase(ZED, key("z-1"), Map.of("2", 1L),
                T0.plusSeconds(40), key("v-return")));
        fails(LoyaltyException.class, () -> program.returnPurchase(ZED, key("v-1"), Map.of("1", 1L),
                T0.plusSeconds(40), key("z-steal")));
        fails(LoyaltyException.class, () -> program.redeem(ZED, PTS.points(1), T0.plusSeconds(10), key("v-redeem"),
                "mine, " + FIRST));
        fails(LoyaltyException.class, () -> program.redeemReward(ZED, "cup", T0.plusSeconds(10), key("v-redeem")));
        fails(LoyaltyException.class, () -> program.capture(ZED, key("v-hold"), T0.plusSeconds(30), key("z-cap")));
        fails(LoyaltyException.class, () -> program.release(ZED, key("v-hold"), T0.plusSeconds(30), key("z-rel")));
        fails(LoyaltyException.class, () -> program.reserve(ZED, PTS.points(1), Duration.ofHours(1), T0.plusSeconds(20),
                key("v-hold"), "mine"));
        fails(LoyaltyException.class, () -> ledger.earn(ZED, PTS.points(7), T0.plusSeconds(50), key("v-earn"),
                "bonus for " + LAST));
        fails(LoyaltyException.class, () -> ledger.reverse(ZED, key("v-earn"), T0.plusSeconds(60), key("z-rev-v"),
                "undo for " + LAST));
        fails(LoyaltyException.class, () -> ledger.post(List.of(new PostingRequest.Redeem(ZED, PTS.points(1),
                T0.plusSeconds(10), key("v-redeem"), "for " + FIRST))));
        fails(LoyaltyException.class, () -> tiers.record(ZED, TQP.points(99), T0.plusSeconds(670), key("z-tqp")));
        fails(LoyaltyException.class, () -> tiers.assign(ZED, "Green", T0.plusSeconds(660), T0.plus(Duration.ofDays(9)),
                "another match for " + LAST, key("z-match")));

        replaying = false;

        // Zed's own failing requests, with personal data in them
        fails(LoyaltyException.class, () -> program.redeem(ZED, PTS.points(1_000_000), NOW, key("z-too-much"),
                "all of " + FIRST + "'s points"));
        fails(LoyaltyException.class, () -> ledger.transfer(ZED, VICTIM, PTS.points(1_000_000), NOW, key("z-gift-2"),
                "from " + LAST));
        fails(LoyaltyException.class, () -> program.redeemReward(ZED, "no-such-reward", NOW, key("z-unknown")));
        fails(LoyaltyException.class, () -> PTS.points(-5));
        fails(LoyaltyException.class, () -> program.redeem(ZED, PTS.points(0), NOW, key("z-zero"), "zero for " + LAST));
        fails(LoyaltyException.class, () -> io.github.loyaltyrules.ledger.Points.parse(PTS, "12,5"));
        fails(LoyaltyException.class, () -> Money.of("12,40", "EUR"));
        fails(LoyaltyException.class, () -> program.reserve(ZED, PTS.points(1), Duration.ofHours(-1), NOW,
                key("z-ttl"), "for " + LAST));
        fails(LoyaltyException.class, () -> program.returnPurchase(ZED, key("z-1"), Map.of("2", 5L), NOW,
                key("z-return-too-many")));
        fails(LoyaltyException.class, () -> program.returnPurchase(ZED, key("z-1"), Map.of("9", 1L), NOW,
                key("z-return-no-line")));
        fails(LoyaltyException.class, () -> program.capture(ZED, key("z-hold"), NOW, key("z-hold-capture-2")));
        fails(LoyaltyException.class, () -> ledger.reverse(ZED, key("z-earn"), PTS.points(100), NOW, key("z-rev-2"),
                "too much for " + FIRST));
        fails(LoyaltyException.class, () -> ledger.transfer(ZED, ZED, PTS.points(1), NOW, key("z-self"), "to "
                + LAST));
        fails(LoyaltyException.class, () -> ledger.transfer(ZED, MemberId.of("nobody-1"), PTS.points(1), NOW,
                key("z-nobody"), "to " + LAST));
        fails(LoyaltyException.class, () -> ledger.suspend(ZED, NOW, FIRST.repeat(200)));
        fails(LoyaltyException.class, () -> ledger.redeem(ZED, PTS.points(1), NOW, key("z-long"), LAST.repeat(200)));
        fails(LoyaltyException.class, () -> tiers.assign(ZED, "Platinum", NOW, NOW.plusSeconds(60), "match for "
                + FIRST, key("z-match-2")));
        fails(LoyaltyException.class, () -> tiers.assign(ZED, "Gold", NOW, NOW.minusSeconds(60), "match for "
                + LAST, key("z-match-3")));
        fails(LoyaltyException.class, () -> program.updateProfile(MemberId.of("nobody-2"), Set.of(TAG),
                Map.of("email", EMAIL), BIRTHDAY));
        fails(LoyaltyException.class, () -> program.enrol(ZED, NOW));
        fails(LoyaltyException.class, () -> program.event(ZED, new MemberEvent("review", Map.of("text", FIRST)),
                NOW, key("~z-reserved")));

        // inactive account: suspended, then closed
        ok(() -> ledger.suspend(ZED, NOW.minusSeconds(100), "held: " + FIRST + " " + LAST));
        fails(LoyaltyException.class, () -> program.purchase(ZED, basket("SKU-1", "store-1", "3.00"), NOW,
                key("z-suspended")));
        fails(LoyaltyException.class, () -> program.redeem(ZED, PTS.points(1), NOW, key("z-suspended-2"), "for "
                + LAST));
        fails(LoyaltyException.class, () -> ledger.transfer(VICTIM, ZED, PTS.points(1), NOW, key("v-to-z"), "gift"));
        ok(() -> ledger.close(ZED, NOW.minusSeconds(50), "closed: " + EMAIL));
        fails(LoyaltyException.class, () -> program.event(ZED, new MemberEvent("visit", Map.of("who", FIRST)), NOW,
                key("z-closed")));
        fails(LoyaltyException.class, () -> ledger.reactivate(ZED, NOW, "again, " + PHONE));

        // the scan looks at stored data: the export holds every planted value
        String export = program.export(ZED);
        assertThat(export).as("the planted values are stored").contains(EMAIL, PHONE, BIRTHDAY.toString(), FIRST, LAST,
                STREET, TAG);

        // erase, then look up by the old id
        ok(() -> program.erase(ZED));
        ok(() -> program.erase(ZED));
        fails(LoyaltyException.class, () -> ledger.account(ZED));
        fails(LoyaltyException.class, () -> program.export(ZED));
        fails(LoyaltyException.class, () -> program.purchase(ZED, basket("SKU-1", "store-1", "3.00"), NOW,
                key("z-after")));
        fails(LoyaltyException.class, () -> ledger.statement(ZED));
        ok(() -> program.receipt(key("z-1")));
        ok(() -> program.store().records(MemberId.of(Pseudonyms.keyed(PrivacyContract.KEY).of(ZED, 0).value())));
        MemberId pseudonym = Pseudonyms.keyed(PrivacyContract.KEY).of(ZED, 0);
        ok(() -> program.export(pseudonym));
        ok(() -> ledger.statement(pseudonym));
        ok(() -> tiers.state(pseudonym));
        fails(LoyaltyException.class, () -> LoyaltyProgram.builder(ledger, v1).store(stores.program()).build()
                .erase(VICTIM));

        // the scan saw what it should
        assertThat(unexpected).as("every failing call failed with the library's exception").isEmpty();
        assertThat(failures).as("failing calls checked").isGreaterThanOrEqualTo(40);
        assertThat(shown.size()).as("texts collected").isGreaterThan(300);
        assertThat(String.join("\n", replays)).as("Zed's errors say what differs").contains("idempotency key 'v-1'",
                ZED.value());
        assertThat(logged).as("the listener failures are logged").anySatisfy(l -> assertThat(l)
                .contains("the listener's own failure")).anySatisfy(l -> assertThat(l)
                .contains("the tier listener's own failure"));

        List<String> all = new ArrayList<>(shown);
        all.addAll(logged);
        Set<String> leaks = new java.util.LinkedHashSet<>();
        for (String text : all) {
            for (String planted : PLANTED) {
                if (text.contains(planted)) {
                    leaks.add("'" + planted + "' in: " + text);
                }
            }
        }
        for (String text : replays) {
            for (String victims : VICTIMS) {
                if (text.contains(victims)) {
                    leaks.add("the victim's '" + victims + "' in what Zed got: " + text);
                }
            }
        }
        assertThat(leaks).as("messages, toString and log lines holding a planted value").isEmpty();
    }
}
