package io.github.loyaltyrules.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.tier.TierLookup;
import io.github.loyaltyrules.program.contract.ProgramStoreContract;
import io.github.loyaltyrules.program.spi.InMemoryProgramStore;
import io.github.loyaltyrules.program.spi.ReceiptRecord;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.rule.Purchase;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The program store's rows are exact and compact: a two-line purchase's record is a few hundred characters. */
class ProgramCodecTest {

    private static final MemberId ANN = MemberId.of("ann");
    private static final Instant T = Instant.parse("2026-05-01T10:00:00.5Z");

    /** A program over the given store, with Ann enrolled a minute before {@link #T}. */
    private static LoyaltyProgram program(InMemoryProgramStore store) {
        LoyaltyProgram p = LoyaltyProgram.of(Ledger.builder().zone(ZoneOffset.UTC)
                .currency(PointCurrency.of("PTS", "Points", 0)).build(), ProgramStoreContract.V1, TierLookup.NONE, store);
        p.enrol(ANN, T.minusSeconds(60));
        return p;
    }

    @Test
    void aPurchaseRecordIsSmallAndComesBackEqual() {
        InMemoryProgramStore store = InMemoryProgramStore.create();
        LoyaltyProgram p = program(store);
        p.purchase(ANN, Purchase.of("store-1", "pos", List.of(
                BasketLine.of("1", "LATTE", "coffee", 3, Money.of("3.40", "EUR")),
                BasketLine.of("2", "BEANS", "beans", 1, Money.of("12.99", "EUR")))), T, IdempotencyKey.of("o-1"));
        ReceiptRecord record = store.receipt(IdempotencyKey.of("o-1")).orElseThrow();

        String text = ProgramCodec.record(record);
        assertThat(ProgramCodec.record(record.kind(), record.key(), record.member(), text)).isEqualTo(record);
        assertThat(text.length()).as(text).isLessThan(400);
    }

    @Test
    void aPaidPurchaseKeepsItsTendersCodesDiscountsTaxAndMeasuresAndAPlainOneItsOldFormat() {
        InMemoryProgramStore store = InMemoryProgramStore.create();
        LoyaltyProgram p = program(store);
        Purchase paid = new Purchase(List.of(
                BasketLine.of("1", "LATTE", "coffee", 3, Money.of("3.40", "EUR")).withTax(Money.of("1.70", "EUR")),
                BasketLine.measured("2", "DIESEL", "fuel", new java.math.BigDecimal("42.370"), "L",
                        Money.of("76.22", "EUR"))),
                "store-1", "pos", List.of(io.github.loyaltyrules.rule.Tender.of("STORECARD", Money.of("50.00", "EUR")),
                        io.github.loyaltyrules.rule.Tender.of("CASH", Money.of("30.00", "EUR"))),
                java.util.Set.of("SPRING-10", "welcome"),
                List.of(io.github.loyaltyrules.rule.Discount.line("1", Money.of("0.50", "EUR")),
                        io.github.loyaltyrules.rule.Discount.order(Money.of("1.00", "EUR"))));
        p.purchase(ANN, paid, T, IdempotencyKey.of("o-1"));
        p.purchase(ANN, Purchase.of("store-1", "pos", List.of(BasketLine.of("1", "LATTE", "coffee", 1,
                Money.of("3.40", "EUR")))), T.plusSeconds(1), IdempotencyKey.of("o-2"));

        ReceiptRecord record = store.receipt(IdempotencyKey.of("o-1")).orElseThrow();
        String text = ProgramCodec.record(record);
        ReceiptRecord back = ProgramCodec.record(record.kind(), record.key(), record.member(), text);
        assertThat(back).isEqualTo(record);
        assertThat(back.activity()).isEqualTo(paid);
        assertThat(text).startsWith("2;");
        ReceiptRecord plain = store.receipt(IdempotencyKey.of("o-2")).orElseThrow();
        assertThat(ProgramCodec.record(plain)).startsWith("1;");
    }

    @Test
    void aPurchaseWithTierCountersKeepsThemInFormatThreeWithAllThatFormatTwoKeeps() {
        InMemoryProgramStore store = InMemoryProgramStore.create();
        LoyaltyProgram p = program(store);
        Purchase plainStay = Purchase.of("hotel-1", "pos", List.of(BasketLine.of("1", "KING", "room", 3,
                Money.of("200.00", "USD")))).withCounters(java.util.Map.of("nights", 3L));
        Purchase paidStay = plainStay.withTenders(io.github.loyaltyrules.rule.Tender.of("CARD", Money.of("600.00", "USD")))
                .withCodes("SUMMER").withCounters(java.util.Map.of("nights", 3L, "stays", 1L));
        p.purchase(ANN, plainStay, T, IdempotencyKey.of("o-1"));
        p.purchase(ANN, paidStay, T.plusSeconds(1), IdempotencyKey.of("o-2"));

        for (String key : List.of("o-1", "o-2")) {
            ReceiptRecord record = store.receipt(IdempotencyKey.of(key)).orElseThrow();
            String text = ProgramCodec.record(record);
            assertThat(text).startsWith("3;");
            ReceiptRecord back = ProgramCodec.record(record.kind(), record.key(), record.member(), text);
            assertThat(back).isEqualTo(record);
        }
        assertThat(((Purchase) store.receipt(IdempotencyKey.of("o-2")).orElseThrow().activity()).counters())
                .isEqualTo(java.util.Map.of("nights", 3L, "stays", 1L));
    }

    @Test
    void aPurchaseOfAMemberWithBadgesKeepsThemAndOneWithoutItsOldFormat() {
        PointCurrency pts = PointCurrency.of("PTS", "Points", 0);
        InMemoryProgramStore store = InMemoryProgramStore.create();
        LoyaltyProgram p = LoyaltyProgram.of(Ledger.builder().zone(ZoneOffset.UTC).currency(pts).build(),
                ProgramStoreContract.V1.withChallenges(io.github.loyaltyrules.engagement.Challenge.of("first", "First",
                        io.github.loyaltyrules.engagement.ChallengeGoal.purchases(1),
                        io.github.loyaltyrules.engagement.ChallengeWindow.LIFETIME, "PTS", 5).withBadge("welcomed")),
                TierLookup.NONE, store);
        MemberId ann = MemberId.of("ann");
        Instant t = Instant.parse("2026-05-01T10:00:00.5Z");
        p.enrol(ann, t.minusSeconds(60));
        Purchase latte = Purchase.of("store-1", "pos", List.of(BasketLine.of("1", "LATTE", "coffee", 1,
                Money.of("3.40", "EUR"))));
        p.purchase(ann, latte, t, IdempotencyKey.of("o-1"));
        p.purchase(ann, latte, t.plusSeconds(1), IdempotencyKey.of("o-2"));

        ReceiptRecord before = store.receipt(IdempotencyKey.of("o-1")).orElseThrow();
        assertThat(ProgramCodec.record(before)).startsWith("1;");
        ReceiptRecord record = store.receipt(IdempotencyKey.of("o-2")).orElseThrow();
        assertThat(record.profile().badges()).containsExactly("welcomed");
        String text = ProgramCodec.record(record);
        assertThat(text).startsWith("3;");
        assertThat(ProgramCodec.record(record.kind(), record.key(), record.member(), text)).isEqualTo(record);
    }

    @Test
    void aRowOfAnotherFormatIsRefused() {
        assertThatThrownBy(() -> ProgramCodec.record(ReceiptRecord.Kind.REWARD, IdempotencyKey.of("k"),
                MemberId.of("ann"), "9;2:v1;0;0;3:cup0;"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("format 9");
    }
}
