package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.spi.ProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.report.ProgramActivity;
import io.github.loyaltyrules.report.ReportTable;
import io.github.loyaltyrules.report.StoreActivity;
import io.github.loyaltyrules.report.TierMovement;
import io.github.loyaltyrules.report.TierReport;
import io.github.loyaltyrules.rule.Award;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.rule.Explanation;
import io.github.loyaltyrules.rule.MemberEvent;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.RuleEngine;
import io.github.loyaltyrules.tier.TierLookup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The program's report of a period, its rendering, and what it refuses. */
class ProgramActivityTest {

    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final Instant MAR = Instant.parse("2026-03-01T00:00:00Z");
    static final Instant APR = Instant.parse("2026-04-01T00:00:00Z");

    static final RuleEngine ENGINE = ctx -> {
        if (!(ctx.activity() instanceof Purchase p)) {
            return new Evaluation(List.of(new Award("event", "Event", "PTS", 5, Map.of(), Explanation.fixed())));
        }
        long pts = p.total().amount().setScale(0, RoundingMode.FLOOR).longValueExact();
        return new Evaluation(List.of(new Award("base", "1 per unit", "PTS", pts, Map.of("1", pts), Explanation.fixed())));
    };

    static LoyaltyProgram program() {
        Ledger ledger = Ledger.builder().zone(ZoneOffset.UTC).currency(PTS).build();
        return LoyaltyProgram.of(ledger, ProgramVersion.of("v1", ENGINE, List.of(Reward.of("cup", "Cup", PTS.points(10)))),
                TierLookup.NONE);
    }

    static Purchase basket(String store, String price, long qty, String currency) {
        return Purchase.of(store, "pos", List.of(BasketLine.of("1", "ITEM", "misc", qty, Money.of(price, currency))));
    }

    @Test
    void aMonthOfTwoStoresAddsUpPerStoreAndRendersAsTextAndCsv() {
        LoyaltyProgram p = program();
        MemberId ann = MemberId.of("ann");
        MemberId bob = MemberId.of("bob");
        MemberId cy = MemberId.of("cy");
        p.enrol(ann, MAR.minusSeconds(10));
        p.enrol(bob, MAR.minusSeconds(10));
        p.enrol(cy, MAR.minusSeconds(10));
        p.enrol(MemberId.of("late"), APR.plusSeconds(10));
        p.purchase(ann, basket("north", "10.00", 2, "EUR"), MAR.plusSeconds(100), IdempotencyKey.of("a1"));
        p.purchase(ann, basket("south", "5.25", 1, "EUR"), MAR.plusSeconds(200), IdempotencyKey.of("a2"));
        p.purchase(bob, basket("north", "3.00", 3, "EUR"), MAR.plusSeconds(300), IdempotencyKey.of("b1"));
        p.purchase(bob, basket("north", "7.00", 1, "USD"), MAR.plusSeconds(400), IdempotencyKey.of("b2"));
        p.purchase(bob, basket("north", "9.00", 1, "EUR"), MAR.minusSeconds(5), IdempotencyKey.of("before"));
        p.event(cy, new MemberEvent("review", Map.of()), MAR.plusSeconds(500), IdempotencyKey.of("c1"));
        p.returnPurchase(ann, IdempotencyKey.of("a1"), Map.of("1", 1L), MAR.plusSeconds(600), IdempotencyKey.of("r1"));
        p.redeemReward(ann, "cup", MAR.plusSeconds(700), IdempotencyKey.of("w1"));

        ProgramActivity r = p.activity(MAR, APR);

        assertThat(r.enrolledMembers()).isEqualTo(3);
        assertThat(r.activeMembers()).isEqualTo(3);
        assertThat(r.participatingMembers()).isEqualTo(2);
        assertThat(r.participationRate().toString()).isEqualTo("66.67%");
        assertThat(r.purchases()).isEqualTo(4);
        assertThat(r.events()).isEqualTo(1);
        assertThat(r.returns()).isEqualTo(1);
        assertThat(r.rewards()).isEqualTo(1);
        assertThat(r.spend()).containsExactly(Map.entry("EUR", new BigDecimal("34.25")), Map.entry("USD",
                new BigDecimal("7.00")));
        assertThat(r.averageSpend("EUR")).contains(new BigDecimal("17.12")); // 17.125, half-even
        assertThat(r.averageSpend("GBP")).isEmpty();
        assertThat(r.earned()).containsExactly(Map.entry("PTS", 20L + 5 + 9 + 7 + 5));
        assertThat(r.stores()).containsExactly(
                new StoreActivity("north", 3, 2, new TreeMap<>(Map.of("EUR", new BigDecimal("29.00"), "USD",
                        new BigDecimal("7.00"))), new TreeMap<>(Map.of("PTS", 36L)), 1, new TreeMap<>(Map.of("PTS", 10L))),
                new StoreActivity("south", 1, 1, new TreeMap<>(Map.of("EUR", new BigDecimal("5.25"))),
                        new TreeMap<>(Map.of("PTS", 5L)), 0, new TreeMap<>()));
        assertThat(p.ledger().activity(PTS, MAR, APR).earned()).isEqualTo(r.earned().get("PTS"));

        assertThat(ReportTable.program(List.of(r), ZoneOffset.UTC).text()).isEqualTo(""
                + "from        to          enrolled  active  participating  participation  purchases  events  returns"
                + "  rewards\n"
                + "----------  ----------  --------  ------  -------------  -------------  ---------  ------  -------"
                + "  -------\n"
                + "2026-03-01  2026-04-01         3       3              2         66.67%          4       1        1"
                + "        1\n");
        assertThat(ReportTable.spend(List.of(r), ZoneOffset.UTC).csv()).isEqualTo(""
                + "from,to,currency,spend,average per member\r\n"
                + "2026-03-01,2026-04-01,EUR,34.25,17.12\r\n"
                + "2026-03-01,2026-04-01,USD,7.00,3.50\r\n");
        assertThat(ReportTable.stores(r, List.of(PTS)).csv()).isEqualTo(""
                + "store,purchases,members,spend,earned PTS,returned PTS\r\n"
                + "north,3,2,29.00 EUR; 7.00 USD,36,10\r\n"
                + "south,1,1,5.25 EUR,5,0\r\n");
    }

    @Test
    void anEmptyPeriodHasNoFiguresAndABadPeriodIsRefusedAndChangesNothing() {
        LoyaltyProgram p = program();
        p.enrol(MemberId.of("ann"), MAR.minusSeconds(10));
        ProgramActivity empty = p.activity(MAR, APR);
        assertThat(empty.purchases()).isZero();
        assertThat(empty.stores()).isEmpty();
        assertThat(empty.averageSpend("EUR")).isEmpty();
        assertThat(empty.participationRate().toString()).isEqualTo("0.00%");
        assertThat(ReportTable.spend(List.of(empty), ZoneOffset.UTC).rows()).isEmpty();

        assertThatThrownBy(() -> p.activity(APR, MAR)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("end after it starts");
        assertThatThrownBy(() -> p.activity(MAR, MAR)).isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> p.activity(Instant.parse("-0001-01-01T00:00:00Z"), APR))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> p.activity(null, APR)).isInstanceOf(NullPointerException.class);
        assertThat(p.activity(MAR, APR)).isEqualTo(empty);
    }

    @Test
    void aStoreThatCannotListItsRecordsByTimeSaysSo() {
        ProgramStore plain = new ProgramStore() {
            @Override
            public Optional<io.github.loyaltyrules.program.spi.MemberRecord> member(MemberId member) {
                return Optional.empty();
            }

            @Override
            public Optional<ReceiptRecord> receipt(IdempotencyKey key) {
                return Optional.empty();
            }

            @Override
            public Optional<io.github.loyaltyrules.program.spi.ReturnState> returns(IdempotencyKey purchase) {
                return Optional.empty();
            }

            @Override
            public Optional<String> claimKey(IdempotencyKey key, String use) {
                return Optional.empty();
            }

            @Override
            public void withdrawKey(IdempotencyKey key, String use) {
            }

            @Override
            public io.github.loyaltyrules.program.spi.CommitResult commit(
                    io.github.loyaltyrules.program.spi.ProgramCommit commit) {
                return io.github.loyaltyrules.program.spi.CommitResult.APPLIED;
            }
        };
        assertThatThrownBy(() -> plain.recordsByTime(MAR, APR, null, 10))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("cannot list its records by time");
    }

    @Test
    void theReportTypesRefuseFiguresThatCannotBe() {
        TreeMap<String, BigDecimal> noSpend = new TreeMap<>();
        TreeMap<String, Long> none = new TreeMap<>();
        assertThatThrownBy(() -> new StoreActivity("s", 1, 2, noSpend, none, 0, none))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("members more than");
        assertThatThrownBy(() -> new StoreActivity("s", -1, 0, noSpend, none, 0, none))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ProgramActivity(MAR, MAR, 0, 0, 0, 0, 0, 0, 0, noSpend, none, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("end after");
        assertThatThrownBy(() -> new ProgramActivity(MAR, APR, 0, 1, 2, 0, 0, 0, 0, noSpend, none, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("participating");
        assertThatThrownBy(() -> new TierMovement("Gold", "Gold", true, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TierMovement("Gold", "Silver", false, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TierReport(APR, MAR, Map.of(), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TierReport(MAR, APR, Map.of("Gold", -1L), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Gold");
        Map<String, Long> tiers = new LinkedHashMap<>();
        tiers.put("Silver", 3L);
        tiers.put("Gold", 1L);
        TierReport t = new TierReport(MAR, APR, tiers, List.of(new TierMovement("Silver", "Gold", true, 2),
                new TierMovement("Gold", "Silver", false, 1)));
        assertThat(t.members().keySet()).containsExactly("Silver", "Gold");
        assertThat(t.totalMembers()).isEqualTo(4);
        assertThat(t.upgrades()).isEqualTo(2);
        assertThat(t.downgrades()).isEqualTo(1);
        assertThat(ReportTable.tiers(t).csv()).isEqualTo("tier,members\r\nSilver,3\r\nGold,1\r\n");
        assertThat(ReportTable.tierMovements(t).csv())
                .isEqualTo("from,to,direction,changes\r\nSilver,Gold,up,2\r\nGold,Silver,down,1\r\n");
    }
}
