package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs the nightly job over a thousand seeded members and checks the holds, the sweep, the tiers and the notices. */
class NightlyJobTest {

    private static final int MEMBERS = 1000; // four groups of 250; see NightlyJob.Shop.seeded

    @Test
    void theNightlyJobSweepsAssessesAndWarnsEachMemberWhosePointsExpireWithin30Days() {
        NightlyJob.Shop shop = NightlyJob.Shop.seeded(MEMBERS);
        List<NightlyJob.Notice> sent = new ArrayList<>();
        Map<String, List<Long>> progress = new HashMap<>();
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        NightlyJob.Summary summary = NightlyJob.run(shop, sent::add,
                (phase, done, total) -> {
                    assertThat(total).isEqualTo(MEMBERS);
                    progress.computeIfAbsent(phase, p -> new ArrayList<>()).add(done);
                }, new PrintStream(log, true, StandardCharsets.UTF_8));

        // Group 2 became Gold on 1 May: the sync holds their points from then on, before the sweep.
        String printed = log.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("expiry holds: 250 members' holds brought in line with their tiers\n");
        Ledger ledger = shop.ledger();
        Instant may1 = LocalDate.of(2026, 5, 1).atTime(12, 0).atZone(NightlyJob.ZONE).toInstant();
        assertThat(ledger.expiryHeldSince(MemberId.of("m00002"), NightlyJob.POINTS)).contains(may1);
        assertThat(ledger.expiryHeldSince(MemberId.of("m00001"), NightlyJob.POINTS)).isEmpty();
        // Group 0's 100 February points each are written off; group 3 spent its February lot; group 2's
        // 100 of 25 February, due on 25 August, are kept.
        assertThat(summary.sweep().membersScanned()).isEqualTo(MEMBERS);
        assertThat(summary.sweep().postings()).isEqualTo(250);
        assertThat(summary.sweep().expired()).containsEntry("PTS", 25_000L).doesNotContainKey("TIER");
        // Tier points 150 / 120 / 200 / 90 per group.
        assertThat(summary.membersPerTier()).isEqualTo(Map.of("Gold", 250L, "Silver", 250L, "Member", 500L));
        // Group 1 is warned about 80 + 40 points, group 3 about the 30 left of its March lot.
        assertThat(summary.notices()).isEqualTo(500).isEqualTo(sent.size());
        assertThat(summary.pointsInNotices()).isEqualTo(250 * 120 + 250 * 30);
        assertThat(sent).filteredOn(n -> n.channel().equals("sms")).hasSize(250);
        assertThat(sent).filteredOn(n -> n.channel().equals("email")).hasSize(250);

        assertThat(sent.get(0).render()).isEqualTo("SMS to +15550000001: 120 of your points expire soon:"
                + " spend 80 by Sep 15 and 40 by Sep 20. Use them at shop.example/rewards. Reply STOP to opt out.");
        NightlyJob.Notice mail = sent.stream().filter(n -> n.member().equals(MemberId.of("m00007"))).findFirst()
                .orElseThrow();
        assertThat(mail.to()).isEqualTo("member7@example.com");
        assertThat(mail.subject()).isEqualTo("Spend your points by 10 September 2026");
        assertThat(mail.body()).contains("30 of your points will expire in the next 30 days (30 by Sep 10)");

        for (String phase : List.of("expiry", "tiers", "notices")) {
            List<Long> done = progress.get(phase);
            assertThat(done).as(phase).isSorted().endsWith((long) MEMBERS);
            assertThat(done.size()).as(phase).isGreaterThan(MEMBERS / 2);
        }

        long outstanding = 0;
        for (MemberId m : shop.members()) {
            outstanding += ledger.balance(m, NightlyJob.POINTS, NightlyJob.TONIGHT).total();
        }
        assertThat(outstanding).isEqualTo(250 * (50 + 120 + 200 + 30));
        assertThat(ledger.expire(NightlyJob.TONIGHT).postings()).as("a re-run writes nothing").isZero();
        // The welcome visits of 2 January are older than the 90 days receipts keep the member's profile.
        assertThat(shop.program().store().receipt(IdempotencyKey.of("m00007/visit")).orElseThrow().holdsPersonalData())
                .isFalse();
        assertThat(shop.program().applyRetention(NightlyJob.TONIGHT)).as("a re-run drops nothing").isZero();

        assertThat(shop.expiryHolds().orElseThrow().syncAll(shop.tiers(), NightlyJob.TONIGHT))
                .as("nothing to sync again").isZero();
        // The reports: 250 x (150 + 120 + 200 + 90) earned, group 3's 60 redeemed, group 0's 100 expired on 10 August.
        assertThat(printed).contains("retention: personal data dropped from 1000 receipts older than 90 days\n");
        assertThat(printed).contains("-- points activity from 2026-01 to 2026-08 --\n",
                "earned               140000\n", "redeemed              15000\n", "expired               25000\n",
                "closing              100000\n", "breakage             17.86%\n", "redemption           10.71%\n");
        // Tonight's liability by expiry month: groups 1 and 3 in September, 0's July lot in January; group 2's
        // 200 each are held from expiring while they are Gold.
        assertThat(printed).contains(""
                + "PTS       2026-09-01 02:00       100000        0        0              0        50000     1000     0\n"
                + "TIER      2026-09-01 02:00       140000        0        0         140000            0     1000     0\n");
        assertThat(printed).contains(""
                + "PTS       overdue       0\n"
                + "PTS       2026-09   37500\n"
                + "PTS       2027-01   12500\n"
                + "PTS       held      50000\n"
                + "PTS       never         0\n");
        assertThat(printed).contains("currency,from,to,opening,earned,redeemed,expired,",
                // April: groups 0, 1, 2 and 3 hold 100, 120, 100 and 90, then group 3 spends 60
                "PTS,2026-04-01,2026-05-01,102500,0,15000,0,0,0,0,0,0,0,0,87500,n/a,n/a,1000,250,1000\r\n",
                "PTS,2026-08-01,2026-09-01,125000,0,0,25000,0,0,0,0,0,0,0,100000,n/a,n/a,1000,0,1000\r\n");
        // The program's own report: each member's welcome visit of 2 January at store-1, 1.00 USD.
        assertThat(printed).contains("-- the program from 2026-01 to 2026-08 --\n", "enrolled             1000\n",
                "participating        1000\n", "participation     100.00%\n", "purchases            1000\n",
                "2026-01-01  2026-09-01  USD       1000.00                1.00\n",
                "store-1       1000     1000  1000.00 USD           0             0\n");
    }

    @Test
    void withoutTheTermTheSweepWritesOffTheGoldMembersPointsThatAreDue() {
        NightlyJob.Shop shop = NightlyJob.Shop.seeded(8, List.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        NightlyJob.Summary summary = NightlyJob.run(shop, n -> { }, (phase, done, total) -> { },
                new PrintStream(log, true, StandardCharsets.UTF_8));
        assertThat(shop.expiryHolds()).isEmpty();
        assertThat(log.toString(StandardCharsets.UTF_8)).doesNotContain("expiry holds");
        // groups 0 and 2, two members each: 100 of February each
        assertThat(summary.sweep().postings()).isEqualTo(4);
        assertThat(summary.sweep().expired()).containsEntry("PTS", 400L);
        assertThat(summary.membersPerTier()).isEqualTo(Map.of("Gold", 2L, "Silver", 2L, "Member", 4L));
        assertThat(shop.ledger().liability(NightlyJob.POINTS).expiryHeld()).isZero();
    }

    @Test
    void theProgressBarIsRedrawnInPlaceAndEndsFull() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        NightlyJob.ProgressBar bar = new NightlyJob.ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), 10);
        for (int done = 1; done <= 200; done++) {
            bar.progress("expiry", done, 200);
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("\rexpiry  [#####.....] 100/200", "\rexpiry  [##########] 200/200" + System.lineSeparator());
        assertThat(out.split("\r")).hasSize(22); // nothing before the first redraw, then one per 5 per cent
    }
}
