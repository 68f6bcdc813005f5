package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.RedemptionRuleException;
import io.github.loyaltyrules.program.RewardNotAvailableException;
import io.github.loyaltyrules.program.Voucher;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rule.Tender;
import io.github.loyaltyrules.rules.text.ParsedProgram;
import io.github.loyaltyrules.rules.text.ProgramText;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierExpiryHolds;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Whole programs written in the text language (test resources under {@code programs/}, and the
 * examples' own under {@code src/main/resources}), loaded, run through the facade with their tier
 * ladders over a scripted year, every balance checked.
 */
class TextProgramsTest {

    /** A program loaded from a resource: its parsed text, ledger, tier engine and facade. */
    record Loaded(ParsedProgram parsed, Ledger ledger, TierEngine tiers, LoyaltyProgram program) {
        PointCurrency currency(String code) {
            return parsed.currency(code).orElseThrow();
        }

        long balance(MemberId member, String code, Instant at) {
            return ledger.balance(member, currency(code), at).total();
        }

        Posting redeem(MemberId member, long points, String key, Instant at) {
            return program.redeem(member, currency("PTS").points(points), at, IdempotencyKey.of(key), "paid with points");
        }

        long buy(MemberId member, String key, Instant at, BasketLine... lines) {
            return buyIn("PTS", member, key, at, lines);
        }

        /** A purchase; what it earned in the currency. */
        long buyIn(String code, MemberId member, String key, Instant at, BasketLine... lines) {
            return program.purchase(member, Purchase.of("store-1", "pos", List.of(lines)), at, IdempotencyKey.of(key))
                    .total(code);
        }

        /** A hotel stay: a purchase that brings its nights to the tier counter with it; what it earned in PTS. */
        long stay(MemberId member, String key, Instant at, long nights, BasketLine... lines) {
            return program.purchase(member, Purchase.of("store-1", "pos", List.of(lines))
                    .withCounters(java.util.Map.of("nights", nights)), at, IdempotencyKey.of(key)).total("PTS");
        }

        /** A purchase paid with the given tenders; what it earned in PTS. */
        long buyPaying(MemberId member, String key, Instant at, List<Tender> paid, BasketLine... lines) {
            return program.purchase(member, Purchase.of("store-1", "pos", List.of(lines))
                    .withTenders(paid.toArray(Tender[]::new)), at, IdempotencyKey.of(key)).total("PTS");
        }
    }

    static Loaded load(String resource) throws IOException {
        try (InputStream in = TextProgramsTest.class.getResourceAsStream(resource.startsWith("/") ? resource
                : "/programs/" + resource)) {
            return loadText(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    static Loaded loadText(String text) {
        ParsedProgram parsed = ProgramText.parse(text);
        Ledger.Builder b = Ledger.builder().zone(parsed.zone())
                .clock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), parsed.zone()));
        parsed.currencies().forEach(b::currency);
        Ledger ledger = b.build();
        // the terms that keep points while a tier is held (none in most programs), applied as tiers change
        TierExpiryHolds holds = TierExpiryHolds.of(ledger, parsed.ladder().orElseThrow(), parsed.expiryProtections());
        TierEngine tiers = TierEngine.of(parsed.ladder().orElseThrow(), holds);
        return new Loaded(parsed, ledger, tiers, LoyaltyProgram.of(ledger, parsed.toVersion(), tiers));
    }

    static Instant at(ZoneId zone, String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    @Test
    void aBeautyRetailersYearlySpendLadder() throws IOException {
        Loaded beauty = load("beauty-retailer.loyalty");
        ZoneId paris = beauty.parsed().zone();
        MemberId chloe = MemberId.of("chloe");
        beauty.program().enrol(chloe, at(paris, "2026-01-02T10:00"));

        assertThat(beauty.buy(chloe, "o1", at(paris, "2026-01-10T15:00"),
                BasketLine.of("1", "LIPSTICK", "makeup", 4, Money.of("30.00", "EUR")))).isEqualTo(120);
        assertThat(beauty.tiers().tierOf(chloe, at(paris, "2026-01-10T16:00"))).contains("Insider");
        // The order that crosses 350.00 EUR earns at the tier it started in, then upgrades.
        assertThat(beauty.buy(chloe, "o2", at(paris, "2026-02-14T11:00"),
                BasketLine.of("1", "PERFUME", "fragrance", 1, Money.of("250.00", "EUR")))).isEqualTo(250);
        assertThat(beauty.tiers().tierOf(chloe, at(paris, "2026-02-14T12:00"))).contains("VIB");
        // March, VIB: 80 base, +20 for VIB (x1.25), +80 for skincare month (x2 on skincare lines).
        assertThat(beauty.buy(chloe, "o3", at(paris, "2026-03-05T11:00"),
                BasketLine.of("1", "SERUM", "skincare", 2, Money.of("40.00", "EUR")))).isEqualTo(180);
        // April, VIB: 600 base + 150; 1,050 EUR this year: Rouge.
        assertThat(beauty.buy(chloe, "o4", at(paris, "2026-04-01T11:00"),
                BasketLine.of("1", "PALETTE", "makeup", 10, Money.of("60.00", "EUR")))).isEqualTo(750);
        assertThat(beauty.tiers().tierOf(chloe, at(paris, "2026-04-01T12:00"))).contains("Rouge");
        assertThat(beauty.balance(chloe, "PTS", at(paris, "2026-04-02T00:00"))).isEqualTo(1300);

        beauty.program().redeemReward(chloe, "facial", at(paris, "2026-04-10T10:00"), IdempotencyKey.of("r1"));
        assertThat(beauty.balance(chloe, "PTS", at(paris, "2026-04-10T11:00"))).isEqualTo(800);
        assertThatThrownBy(() -> beauty.program().redeemReward(chloe, "facial", at(paris, "2026-04-11T10:00"),
                IdempotencyKey.of("r2"))).isInstanceOf(RewardNotAvailableException.class);
        assertThat(beauty.balance(chloe, "PTS", at(paris, "2026-04-11T11:00"))).isEqualTo(800);

        // Points earned in 2026 expire at the end of 2027, not a minute earlier.
        assertThat(beauty.ledger().expire(at(paris, "2027-12-31T23:59")).postings()).isZero();
        assertThat(beauty.ledger().expire(at(paris, "2028-01-01T00:00")).expired()).containsEntry("PTS", 800L);
        assertThat(beauty.balance(chloe, "PTS", at(paris, "2028-01-01T00:01"))).isZero();
    }

    @Test
    void aHotelChainsNightsLadderWithSeveralPathsAndInactivityExpiry() throws IOException {
        Loaded hotel = load("hotel-chain.loyalty");
        ZoneId newYork = hotel.parsed().zone();
        MemberId sam = MemberId.of("sam");
        hotel.program().enrol(sam, at(newYork, "2026-01-05T09:00"));
        Metric nights = Metric.counter("nights");

        // 3 nights at 200.00 -> 6,000; bar 45.50 -> 45 x 5 = 225; first stay 2,000. The stay's nights are
        // recorded with its purchase, under its key: a retry of the checkout counts them once.
        assertThat(hotel.stay(sam, "stay-1", at(newYork, "2026-02-03T11:00"), 3,
                BasketLine.of("1", "KING", "room", 3, Money.of("200.00", "USD")),
                BasketLine.of("2", "BAR", "bar", 1, Money.of("45.50", "USD")))).isEqualTo(8225);
        assertThat(hotel.stay(sam, "stay-1", at(newYork, "2026-02-03T11:00"), 3,
                BasketLine.of("1", "KING", "room", 3, Money.of("200.00", "USD")),
                BasketLine.of("2", "BAR", "bar", 1, Money.of("45.50", "USD")))).isEqualTo(8225);
        assertThat(hotel.tiers().progress(sam, at(newYork, "2026-02-04T00:00")).values().get(nights))
                .isEqualByComparingTo("3");
        assertThat(hotel.tiers().tierOf(sam, at(newYork, "2026-02-04T00:00"))).contains("Member");

        // 2 nights at 250.00 -> 5,000: 13,225 points this year, Silver by points (nights: 5).
        assertThat(hotel.stay(sam, "stay-2", at(newYork, "2026-03-10T11:00"), 2,
                BasketLine.of("1", "QUEEN", "room", 2, Money.of("250.00", "USD")))).isEqualTo(5000);
        assertThat(hotel.tiers().tierOf(sam, at(newYork, "2026-03-11T00:00"))).contains("Silver");

        // Silver: 4 nights at 300.00 -> 12,000 + 10% = 13,200; restaurant 80.00 -> 400.
        assertThat(hotel.stay(sam, "stay-3", at(newYork, "2026-05-20T11:00"), 4,
                BasketLine.of("1", "SUITE", "room", 4, Money.of("300.00", "USD")),
                BasketLine.of("2", "DINNER", "restaurant", 1, Money.of("80.00", "USD")))).isEqualTo(13600);
        assertThat(hotel.balance(sam, "PTS", at(newYork, "2026-05-21T00:00"))).isEqualTo(26825);
        // 9 nights and 26,825 points: Silver; 16 more nights would make Gold by the nights path. These are
        // nights at a partner hotel, paid there: the partner reports them, with no purchase here.
        hotel.tiers().record(sam, nights, 16, at(newYork, "2026-06-30T11:00"), IdempotencyKey.of("stay-4-nights"));
        assertThat(hotel.tiers().tierOf(sam, at(newYork, "2026-07-01T00:00"))).contains("Gold");

        hotel.program().redeemReward(sam, "night", at(newYork, "2026-07-02T10:00"), IdempotencyKey.of("free-night"));
        assertThat(hotel.balance(sam, "PTS", at(newYork, "2026-07-02T11:00"))).isEqualTo(1825);

        // No activity for 24 months after the last one: everything lapses, and not before.
        assertThat(hotel.ledger().expire(at(newYork, "2028-07-01T00:00")).postings()).isZero();
        assertThat(hotel.ledger().expire(at(newYork, "2028-07-04T00:00")).expired()).containsEntry("PTS", 1825L);
        assertThat(hotel.balance(sam, "PTS", at(newYork, "2028-07-04T00:01"))).isZero();
    }

    @Test
    void aDrugstoreWithAFiscalYearFromOctoberAndAMinimumRedemption() throws IOException {
        Loaded drug = load("/drugstore.loyalty");
        assertThat(drug.parsed().warnings()).isEmpty();
        ZoneId chicago = drug.parsed().zone();
        MemberId dana = MemberId.of("dana");
        drug.program().enrol(dana, at(chicago, "2025-09-01T10:00"));

        // FY2025 (to 30 Sep 2025): 150.00 -> 1,500 points, usable through 30 September 2026.
        assertThat(drug.buy(dana, "s1", at(chicago, "2025-09-25T10:00"),
                BasketLine.of("1", "PERFUME", "cosmetics", 1, Money.of("150.00", "USD")))).isEqualTo(1500);
        // FY2026: 45.00 -> 450, and 24.00 on the store brand -> 240 more; usable through 30 September 2027.
        assertThat(drug.buy(dana, "s2", at(chicago, "2025-11-10T10:00"),
                BasketLine.of("1", "VITAMINS", "store-brand", 2, Money.of("12.00", "USD")),
                BasketLine.of("2", "SHAMPOO", "personal-care", 1, Money.of("21.00", "USD")))).isEqualTo(690);
        assertThat(drug.balance(dana, "PTS", at(chicago, "2025-11-10T11:00"))).isEqualTo(2190);

        // Paying with points: from 1,000, in multiples of 1,000; other amounts change nothing.
        assertThatThrownBy(() -> drug.redeem(dana, 500, "p1", at(chicago, "2025-12-15T10:00")))
                .isInstanceOf(RedemptionRuleException.class).hasMessage("redemption of 500 PTS is below the minimum"
                        + " of 1000 PTS; PTS are redeemed from 1000 PTS in multiples of 1000 PTS");
        assertThatThrownBy(() -> drug.redeem(dana, 1500, "p1", at(chicago, "2025-12-15T10:00")))
                .isInstanceOf(RedemptionRuleException.class).hasMessageStartingWith("redemption of 1500 PTS is not a"
                        + " multiple of 1000 PTS");
        assertThatThrownBy(() -> drug.program().reserve(dana, drug.currency("PTS").points(999), Duration.ofMinutes(15),
                at(chicago, "2025-12-15T10:00"), IdempotencyKey.of("h1"), "checkout"))
                .isInstanceOf(RedemptionRuleException.class);
        assertThat(drug.balance(dana, "PTS", at(chicago, "2025-12-15T10:00"))).isEqualTo(2190);
        // 1,000 points, soonest to expire first: from the FY2025 lot, which keeps 500.
        drug.redeem(dana, 1000, "p1", at(chicago, "2025-12-15T10:00"));
        assertThat(drug.balance(dana, "PTS", at(chicago, "2025-12-15T11:00"))).isEqualTo(1190);

        // Calendar 2026: Preferred needs 250.00 USD and 6 purchases.
        String[][] orders = {{"2026-01-15", "60.00"}, {"2026-02-10", "40.00"}, {"2026-03-12", "50.00"},
            {"2026-04-20", "30.00"}, {"2026-05-18", "80.00"}};
        long[] earned = {600, 400, 500, 300, 800};
        for (int k = 0; k < orders.length; k++) {
            assertThat(drug.buy(dana, "o" + k, at(chicago, orders[k][0] + "T10:00"),
                    BasketLine.of("1", "SUNSCREEN", "personal-care", 1, Money.of(orders[k][1], "USD"))))
                    .isEqualTo(earned[k]);
        }
        // 260.00 USD but 5 purchases: both are needed.
        assertThat(drug.tiers().tierOf(dana, at(chicago, "2026-05-19T00:00"))).contains("Member");
        assertThat(drug.buy(dana, "o5", at(chicago, "2026-06-02T10:00"),
                BasketLine.of("1", "PLASTERS", "first-aid", 1, Money.of("10.00", "USD")))).isEqualTo(100);
        assertThat(drug.tiers().tierOf(dana, at(chicago, "2026-06-02T11:00"))).contains("Preferred");
        // Preferred: 30.00 of the store brand -> 300 + 300, times 1.5 -> 900.
        assertThat(drug.buy(dana, "o6", at(chicago, "2026-07-07T10:00"),
                BasketLine.of("1", "ALLERGY", "store-brand", 3, Money.of("10.00", "USD")))).isEqualTo(900);
        assertThat(drug.balance(dana, "PTS", at(chicago, "2026-07-08T00:00"))).isEqualTo(4790);

        // The 500 left of FY2025 expire when FY2027 begins, on 1 October 2026, not a minute earlier.
        assertThat(drug.ledger().expire(at(chicago, "2026-09-30T23:59")).postings()).isZero();
        assertThat(drug.ledger().expire(at(chicago, "2026-10-01T00:00")).expired()).containsEntry("PTS", 500L);
        assertThat(drug.balance(dana, "PTS", at(chicago, "2026-10-01T00:01"))).isEqualTo(4290);

        drug.redeem(dana, 3000, "p2", at(chicago, "2026-10-15T10:00"));
        // FY2027, still Preferred: 20.00 -> 200, times 1.5 -> 300, usable through 30 September 2028.
        assertThat(drug.buy(dana, "o7", at(chicago, "2026-11-20T10:00"),
                BasketLine.of("1", "COUGH", "pharmacy", 1, Money.of("20.00", "USD")))).isEqualTo(300);
        assertThat(drug.balance(dana, "PTS", at(chicago, "2026-11-21T00:00"))).isEqualTo(1590);

        // What is left of FY2026 (1,290) expires on 1 October 2027; the FY2027 300 stay.
        assertThat(drug.ledger().expire(at(chicago, "2027-09-30T23:59")).postings()).isZero();
        assertThat(drug.ledger().expire(at(chicago, "2027-10-01T00:00")).expired()).containsEntry("PTS", 1290L);
        assertThat(drug.balance(dana, "PTS", at(chicago, "2027-10-01T00:01"))).isEqualTo(300);
        assertThat(drug.ledger().expire(at(chicago, "2028-10-01T00:00")).expired()).containsEntry("PTS", 300L);

        // Preferred from 2026 holds through 2027 (retention), then Member with nothing bought in 2027.
        drug.tiers().assessTiers(at(chicago, "2028-01-01T00:00"));
        assertThat(drug.tiers().tierOf(dana, at(chicago, "2027-12-31T23:59"))).contains("Preferred");
        assertThat(drug.tiers().tierOf(dana, at(chicago, "2028-01-01T00:00"))).contains("Member");
    }

    @Test
    void aGroceryThatTurnsPointsIntoVouchersEachQuarterAndLimitsItsRewardsInUses() throws IOException {
        Loaded grocery = load("/grocery.loyalty");
        assertThat(grocery.parsed().warnings()).isEmpty();
        ZoneId berlin = grocery.parsed().zone();
        MemberId lena = MemberId.of("lena");
        grocery.program().enrol(lena, at(berlin, "2026-01-03T10:00"));

        // Q1: 120.00 of dry goods -> 120; 80.00 of produce -> 80 + 160; 400.00 of dry goods -> 400.
        assertThat(grocery.buy(lena, "g1", at(berlin, "2026-01-10T10:00"),
                BasketLine.of("1", "RICE", "dry-goods", 1, Money.of("120.00", "EUR")))).isEqualTo(120);
        assertThat(grocery.buy(lena, "g2", at(berlin, "2026-02-14T10:00"),
                BasketLine.of("1", "APPLES", "produce", 4, Money.of("20.00", "EUR")))).isEqualTo(240);
        assertThat(grocery.buy(lena, "g3", at(berlin, "2026-03-20T10:00"),
                BasketLine.of("1", "PASTA", "dry-goods", 1, Money.of("400.00", "EUR")))).isEqualTo(400);
        assertThat(grocery.balance(lena, "PTS", at(berlin, "2026-03-20T11:00"))).isEqualTo(760);

        // Two coffees in March; a third is refused and changes nothing.
        grocery.program().redeemReward(lena, "coffee", at(berlin, "2026-03-21T09:00"), IdempotencyKey.of("c1"));
        grocery.program().redeemReward(lena, "coffee", at(berlin, "2026-03-22T09:00"), IdempotencyKey.of("c2"));
        assertThatThrownBy(() -> grocery.program().redeemReward(lena, "coffee", at(berlin, "2026-03-23T09:00"),
                IdempotencyKey.of("c3"))).isInstanceOf(RewardNotAvailableException.class)
                .hasMessage("member lena has redeemed reward coffee 2 times in the MONTH from 2026-03-01; the limit"
                        + " is 2 per member per MONTH");
        assertThat(grocery.balance(lena, "PTS", at(berlin, "2026-03-23T10:00"))).isEqualTo(460);

        // End of Q1: 460 points make no voucher; they are carried.
        List<Voucher> q1 = new ArrayList<>();
        grocery.program().convertToVouchers(at(berlin, "2026-03-31T23:00"), q1::add, (done, total) -> { });
        assertThat(q1).isEmpty();

        // April: a coffee again (a new month) -> 310; 300.00 of produce -> 300 + 600 -> 1,210.
        grocery.program().redeemReward(lena, "coffee", at(berlin, "2026-04-02T09:00"), IdempotencyKey.of("c3"));
        assertThat(grocery.buy(lena, "g4", at(berlin, "2026-05-05T10:00"),
                BasketLine.of("1", "MELONS", "produce", 10, Money.of("30.00", "EUR")))).isEqualTo(900);
        assertThat(grocery.balance(lena, "PTS", at(berlin, "2026-05-05T11:00"))).isEqualTo(1210);

        // End of Q2: two 5.00 EUR vouchers, valid until the end of September; 210 carried.
        List<Voucher> q2 = new ArrayList<>();
        grocery.program().convertToVouchers(at(berlin, "2026-06-30T23:00"), q2::add, (done, total) -> { });
        assertThat(q2).extracting(Voucher::value).containsExactly(Money.of("5.00", "EUR"), Money.of("5.00", "EUR"));
        assertThat(q2.get(0).expiresAt()).isEqualTo(at(berlin, "2026-09-30T23:00"));
        assertThat(grocery.balance(lena, "PTS", at(berlin, "2026-07-01T00:00"))).isEqualTo(210);
        // The job runs again that night: the same vouchers, nothing converted twice.
        List<Voucher> rerun = new ArrayList<>();
        grocery.program().convertToVouchers(at(berlin, "2026-06-30T23:40"), rerun::add, (done, total) -> { });
        assertThat(rerun).isEqualTo(q2);
        assertThat(grocery.balance(lena, "PTS", at(berlin, "2026-07-01T00:00"))).isEqualTo(210);

        // One bag per member.
        grocery.program().redeemReward(lena, "bag", at(berlin, "2026-07-01T10:00"), IdempotencyKey.of("b1"));
        assertThatThrownBy(() -> grocery.program().redeemReward(lena, "bag", at(berlin, "2026-07-02T10:00"),
                IdempotencyKey.of("b2"))).isInstanceOf(RewardNotAvailableException.class);
        assertThat(grocery.balance(lena, "PTS", at(berlin, "2026-07-02T11:00"))).isEqualTo(10);
    }

    @Test
    void theGrocerysFillingStationsEarnByTheLitreAndItsCardDoublesThePoints() throws IOException {
        Loaded grocery = load("/grocery.loyalty");
        // the canonical text reads back as itself, and runs the same
        String printed = ProgramText.print(grocery.parsed());
        assertThat(printed).contains("then earn 2 PTS per 1 L measured on category = \"fuel\";",
                "when tender = \"FRESHCARD\"", "costs 20 PTS each up to 60;");
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        for (Loaded terms : List.of(grocery, loadText(printed))) {
            fillUpsAndShopping(terms);
        }
    }

    /** Jonas fills up and shops in January and February, then spends points on the fuel saver. */
    private static void fillUpsAndShopping(Loaded grocery) {
        ZoneId berlin = grocery.parsed().zone();
        MemberId jonas = MemberId.of("jonas");
        grocery.program().enrol(jonas, at(berlin, "2026-01-03T10:00"));

        // 42.37 litres of diesel for 71.18, paid cash: 2 points for each of 42 whole litres, none per euro.
        assertThat(grocery.buyPaying(jonas, "f1", at(berlin, "2026-01-12T08:00"),
                List.of(Tender.of("CASH", eur("71.18"))),
                BasketLine.measured("1", "DIESEL", "fuel", new BigDecimal("42.37"), "L", eur("71.18"))))
                .isEqualTo(84);
        // 30.00 of dry goods and 10.00 of produce, paid with the card: (40 + 20) x 2.
        assertThat(grocery.buyPaying(jonas, "s1", at(berlin, "2026-01-20T18:00"),
                List.of(Tender.of("FRESHCARD", eur("40.00"))),
                BasketLine.of("1", "FLOUR", "dry-goods", 1, eur("30.00")),
                BasketLine.of("2", "PEARS", "produce", 2, eur("5.00")))).isEqualTo(120);
        // 50 litres of petrol for 87.50 and 12.49 of dairy, paid 60.00 cash and 39.99 with the card (in part
        // is enough): (100 for the litres + 12 for the dairy) x 2.
        assertThat(grocery.buyPaying(jonas, "f2", at(berlin, "2026-02-03T17:00"),
                List.of(Tender.of("CASH", eur("60.00")), Tender.of("FRESHCARD", eur("39.99"))),
                BasketLine.measured("1", "E10", "fuel", new BigDecimal("50"), "L", eur("87.50")),
                BasketLine.of("2", "CHEESE", "dairy", 1, eur("12.49")))).isEqualTo(224);
        // The same basket paid all in cash: 112.
        assertThat(grocery.buyPaying(jonas, "f3", at(berlin, "2026-02-17T17:00"),
                List.of(Tender.of("CASH", eur("99.99"))),
                BasketLine.measured("1", "E10", "fuel", new BigDecimal("50"), "L", eur("87.50")),
                BasketLine.of("2", "CHEESE", "dairy", 1, eur("12.49")))).isEqualTo(112);
        assertThat(grocery.balance(jonas, "PTS", at(berlin, "2026-02-17T18:00"))).isEqualTo(84 + 120 + 224 + 112);

        // The fuel saver: 0.10 off each of 25 litres for 20 points a litre; 61 litres are more than a fill-up
        // takes, refused, and change nothing.
        assertThatThrownBy(() -> grocery.program().redeemReward(jonas, "fuel-saver", 61,
                at(berlin, "2026-02-20T08:00"), IdempotencyKey.of("fs0"))).isInstanceOf(InvalidAmountException.class);
        assertThat(grocery.balance(jonas, "PTS", at(berlin, "2026-02-20T08:00"))).isEqualTo(540);
        grocery.program().redeemReward(jonas, "fuel-saver", 25, at(berlin, "2026-02-20T08:01"),
                IdempotencyKey.of("fs1"));
        assertThat(grocery.balance(jonas, "PTS", at(berlin, "2026-02-20T08:02"))).isEqualTo(540 - 25 * 20);
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    @Test
    void anAirlineWhoseMilesAreKeptWhileGoldOrPlatinumIsHeld() throws IOException {
        Loaded air = load("/airline.loyalty");
        assertThat(air.parsed().warnings()).isEmpty();
        ZoneId newYork = air.parsed().zone();
        MemberId maya = MemberId.of("maya");
        air.program().enrol(maya, at(newYork, "2026-01-05T09:00"));

        // 2026, Blue: 400.00 of fare -> 2,000 and a 50.00 bag -> 100; 1,200.00 of fare -> 6,000.
        assertThat(air.buyIn("MILES", maya, "t1", at(newYork, "2026-02-10T10:00"),
                BasketLine.of("1", "NYC-LAX", "fare", 1, Money.of("400.00", "USD")),
                BasketLine.of("2", "BAG", "extra", 1, Money.of("50.00", "USD")))).isEqualTo(2100);
        assertThat(air.buyIn("MILES", maya, "t2", at(newYork, "2026-04-15T10:00"),
                BasketLine.of("1", "NYC-LHR", "fare", 1, Money.of("1200.00", "USD")))).isEqualTo(6000);
        // The third trip (900.00 -> 4,500, earned at Blue) makes 2,550.00 USD and 3 trips: Gold,
        // and from then on the miles are kept.
        assertThat(air.buyIn("MILES", maya, "t3", at(newYork, "2026-06-20T10:00"),
                BasketLine.of("1", "NYC-MIA", "fare", 1, Money.of("900.00", "USD")))).isEqualTo(4500);
        assertThat(air.tiers().tierOf(maya, at(newYork, "2026-06-20T11:00"))).contains("Gold");
        assertThat(air.ledger().expiryHeldSince(maya, air.currency("MILES")))
                .contains(at(newYork, "2026-06-20T10:00"));
        // Gold, 1.5x: 1,000.00 of fare -> 5,000 x 1.5 = 7,500.
        assertThat(air.buyIn("MILES", maya, "t4", at(newYork, "2026-09-01T10:00"),
                BasketLine.of("1", "NYC-SFO", "fare", 1, Money.of("1000.00", "USD")))).isEqualTo(7500);
        assertThat(air.balance(maya, "MILES", at(newYork, "2026-09-02T00:00"))).isEqualTo(20100);

        // 2027, Gold again: 3,000.00 -> 22,500; a 100.00 seat -> 300; 200.00 -> 1,500; 3,300.00 USD in 3 trips.
        assertThat(air.buyIn("MILES", maya, "t5", at(newYork, "2027-03-10T10:00"),
                BasketLine.of("1", "NYC-NRT", "fare", 1, Money.of("3000.00", "USD")))).isEqualTo(22500);
        assertThat(air.buyIn("MILES", maya, "t6", at(newYork, "2027-05-10T10:00"),
                BasketLine.of("1", "SEAT", "extra", 1, Money.of("100.00", "USD")))).isEqualTo(300);
        assertThat(air.buyIn("MILES", maya, "t7", at(newYork, "2027-07-10T10:00"),
                BasketLine.of("1", "NYC-BOS", "fare", 1, Money.of("200.00", "USD")))).isEqualTo(1500);
        air.tiers().assessTiers(at(newYork, "2028-01-01T00:00"));
        assertThat(air.tiers().tierOf(maya, at(newYork, "2028-06-01T00:00"))).contains("Gold");
        assertThat(air.balance(maya, "MILES", at(newYork, "2028-01-01T00:00"))).isEqualTo(44400);

        // March 2028: the February 2026 miles (2,100) are past their 24 months, but Gold keeps them.
        assertThat(air.ledger().expire(at(newYork, "2028-03-01T00:00")).postings()).isZero();
        // Paying with 5,000 miles, oldest first: those 2,100 and 2,900 of the April 2026 trip.
        assertThatThrownBy(() -> air.program().redeem(maya, air.currency("MILES").points(4000),
                at(newYork, "2028-04-01T10:00"), IdempotencyKey.of("p0"), "seat"))
                .isInstanceOf(RedemptionRuleException.class);
        air.program().redeem(maya, air.currency("MILES").points(5000), at(newYork, "2028-04-01T10:00"),
                IdempotencyKey.of("p1"), "upgrade");
        assertThat(air.balance(maya, "MILES", at(newYork, "2028-04-02T00:00"))).isEqualTo(39400);
        // December 2028, still Gold: 400.00 -> 3,000, its own date 2 December 2030.
        assertThat(air.buyIn("MILES", maya, "t8", at(newYork, "2028-12-01T10:00"),
                BasketLine.of("1", "NYC-DEN", "fare", 1, Money.of("400.00", "USD")))).isEqualTo(3000);

        // 1 January 2029: one trip in 2028, so Gold ends; all 42,400 miles now expire at the end of
        // 1 January 2031, 24 months after the day it ended, the December lot's earlier date included.
        air.tiers().assessTiers(at(newYork, "2029-01-01T00:00"));
        assertThat(air.tiers().tierOf(maya, at(newYork, "2029-01-01T00:00"))).contains("Blue");
        assertThat(air.ledger().expiryHeldSince(maya, air.currency("MILES"))).isEmpty();
        // Blue: 200.00 -> 1,000, expiring on its own date, 24 months after the flight.
        assertThat(air.buyIn("MILES", maya, "t9", at(newYork, "2029-02-15T10:00"),
                BasketLine.of("1", "NYC-DCA", "fare", 1, Money.of("200.00", "USD")))).isEqualTo(1000);
        assertThat(air.ledger().expire(at(newYork, "2031-01-01T23:59")).postings()).isZero();
        assertThat(air.ledger().expire(at(newYork, "2031-01-02T00:00")).expired()).containsEntry("MILES", 42400L);
        assertThat(air.balance(maya, "MILES", at(newYork, "2031-01-02T00:01"))).isEqualTo(1000);
        assertThat(air.ledger().expire(at(newYork, "2031-02-16T00:00")).expired()).containsEntry("MILES", 1000L);
        assertThat(air.balance(maya, "MILES", at(newYork, "2031-02-16T00:01"))).isZero();
    }
}
