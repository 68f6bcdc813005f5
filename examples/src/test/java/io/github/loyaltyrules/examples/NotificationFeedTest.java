package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.feed.FeedPosition;
import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import io.github.loyaltyrules.jdbc.JdbcLedgerStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notification process sends each change's notices once across restarts, resuming from its position file. */
class NotificationFeedTest {

    private static final Instant MARCH = LocalDate.of(2026, 3, 2).atTime(10, 0).atZone(NotificationFeed.ZONE).toInstant();
    private static final Instant FEBRUARY = LocalDate.of(2027, 2, 14).atTime(9, 0).atZone(NotificationFeed.ZONE)
            .toInstant();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    Path dir;

    private static String line(NotificationFeed.Notice n) {
        return n.member().value() + " " + n.kind() + " " + n.text();
    }

    @Test
    void eachChangeIsNotifiedOnceAndANewProcessResumesFromTheSavedPosition() throws SQLException, IOException {
        String url = "jdbc:h2:mem:notify" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (Connection keep = DriverManager.getConnection(url)) {
            DataSource db = NotificationFeed.dataSource(url);
            JdbcLedgerStore.of(db).migrate();
            Path position = dir.resolve("feed.position");
            NotificationFeed.Shop shop = NotificationFeed.Shop.on(db, MARCH);
            for (String m : List.of("ana", "ben")) {
                shop.ledger().enrol(MemberId.of(m), MARCH);
            }
            shop.ledger().earn(MemberId.of("ana"), NotificationFeed.POINTS.points(600), MARCH, IdempotencyKey.of("o1"),
                    "Ana Lopez, order 1");
            shop.ledger().earn(MemberId.of("ben"), NotificationFeed.POINTS.points(120), MARCH, IdempotencyKey.of("o2"), "o2");
            shop.ledger().redeem(MemberId.of("ana"), NotificationFeed.POINTS.points(100), MARCH, IdempotencyKey.of("g1"),
                    "gift");

            List<String> sent = new ArrayList<>();
            assertThat(NotificationFeed.process(db, MARCH, position, n -> sent.add(line(n))).runOnce()).isEqualTo(4);
            // postings and tier changes of the same instant: the postings first
            assertThat(sent).containsExactly("ana EARNED You earned 600 points on 2 March 2026.",
                    "ben EARNED You earned 120 points on 2 March 2026.",
                    "ana TIER_CHANGED You are now Silver (was Member).");
            FeedPosition saved = FeedPosition.parse(Files.readString(position));
            assertThat(saved.postings()).isPositive();
            assertThat(saved.tierChanges()).isPositive();

            NotificationFeed.Shop later = NotificationFeed.Shop.on(db, FEBRUARY);
            later.ledger().earn(MemberId.of("ana"), NotificationFeed.POINTS.points(50), FEBRUARY, IdempotencyKey.of("o3"),
                    "o3");
            sent.clear();
            // a new process: new store instances, the same position file
            assertThat(NotificationFeed.process(db, FEBRUARY, position, n -> sent.add(line(n))).runOnce()).isEqualTo(1);
            assertThat(sent).containsExactly("ana EARNED You earned 50 points on 14 February 2027.",
                    "ana EXPIRING_SOON 500 of your points expire from 3 March 2027: use them before then.");
            sent.clear();
            assertThat(NotificationFeed.process(db, FEBRUARY, position, n -> sent.add(line(n))).runOnce()).isZero();
            assertThat(sent).isEmpty();
            assertThat(String.join("\n", sent)).doesNotContain("Lopez");
        }
    }

    @Test
    void aSenderThatFailsLeavesThePositionBeforeItsChangeSoTheNextRunSendsItAndNothingBefore()
            throws SQLException, IOException {
        String url = "jdbc:h2:mem:notify" + DATABASES.incrementAndGet() + ";DB_CLOSE_DELAY=-1";
        try (Connection keep = DriverManager.getConnection(url)) {
            DataSource db = NotificationFeed.dataSource(url);
            JdbcLedgerStore.of(db).migrate();
            Path position = dir.resolve("crash.position");
            NotificationFeed.Shop shop = NotificationFeed.Shop.on(db, MARCH);
            shop.ledger().enrol(MemberId.of("ann"), MARCH);
            for (int i = 1; i <= 4; i++) {
                shop.ledger().earn(MemberId.of("ann"), NotificationFeed.POINTS.points(10 * i), MARCH,
                        IdempotencyKey.of("e" + i), "visit");
            }
            List<String> delivered = new ArrayList<>();
            AtomicInteger calls = new AtomicInteger();
            NotificationFeed crashing = NotificationFeed.process(db, MARCH, position, n -> {
                if (calls.incrementAndGet() == 3) {
                    throw new IllegalStateException("gateway down");
                }
                delivered.add(n.text());
            });
            assertThatThrownBy(crashing::runOnce).hasMessage("gateway down");
            assertThat(delivered).hasSize(2);
            FeedPosition stopped = FeedPosition.parse(Files.readString(position));

            NotificationFeed.process(db, MARCH, position, n -> delivered.add(n.text())).runOnce();
            assertThat(FeedPosition.parse(Files.readString(position))).isGreaterThan(stopped);
            assertThat(delivered).containsExactlyInAnyOrder("You earned 10 points on 2 March 2026.",
                    "You earned 20 points on 2 March 2026.", "You earned 30 points on 2 March 2026.",
                    "You earned 40 points on 2 March 2026.");
        }
    }

    @Test
    void theMainPrintsBothRunsAndNothingOnTheThird() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        PrintStream saved = System.out;
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            NotificationFeed.main(new String[0]);
        } finally {
            System.setOut(saved);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("to ana [EARNED] You earned 600 points on 2 March 2026.")
                .contains("to ana [TIER_CHANGED] You are now Silver (was Member).")
                .contains("to cho [TIER_CHANGED] You are now Gold")
                .contains("to ana [EXPIRING_SOON] 500 of your points expire from 3 March 2027")
                .contains("Running again sends nothing: 0 changes read.");
        assertThat(out.split("You earned 600 points", -1)).hasSize(2);
    }
}
