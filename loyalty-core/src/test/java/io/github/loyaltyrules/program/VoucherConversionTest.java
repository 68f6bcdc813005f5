package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A grocery's published terms: "At the end of each quarter, every 500 points you have become a 5.00 EUR
 * voucher, valid for 3 months; points left over are carried to the next quarter." Ana, Ben, Cem and Dan
 * (whose account is suspended) earn through 2026; every balance and voucher below is worked out by hand.
 */
class VoucherConversionTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final VoucherConversion TERMS = VoucherConversion.of(PTS.points(500), Money.of("5.00", "EUR"))
            .validFor(Period.ofMonths(3));
    static final MemberId ANA = MemberId.of("ana");
    static final MemberId BEN = MemberId.of("ben");
    static final MemberId CEM = MemberId.of("cem");
    static final MemberId DAN = MemberId.of("dan");

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(BERLIN).toInstant();
    }

    static LoyaltyProgram program(ProgramVersion version) {
        Ledger ledger = Ledger.builder().zone(BERLIN).clock(Clock.fixed(at("2026-01-01T00:00"), BERLIN)).currency(PTS)
                .build();
        LoyaltyProgram p = LoyaltyProgram.of(ledger, version, TierLookup.NONE);
        long[] earned = {1240, 480, 500, 900};
        MemberId[] members = {ANA, BEN, CEM, DAN};
        for (int i = 0; i < members.length; i++) {
            p.enrol(members[i], at("2026-01-05T10:00"));
            earn(p, members[i], earned[i], "2026-02-10T10:00", "q1-" + i);
        }
        ledger.suspend(DAN, at("2026-03-01T10:00"), "fraud check");
        return p;
    }

    static ProgramVersion grocery() {
        return ProgramVersion.of("grocery-2026", ctx -> new Evaluation(List.of()), List.of())
                .withVoucherConversions(TERMS);
    }

    static void earn(LoyaltyProgram p, MemberId m, long points, String local, String key) {
        p.ledger().earn(m, PTS.points(points), at(local), IdempotencyKey.of(key), "purchase");
    }

    static long balance(LoyaltyProgram p, MemberId m) {
        return p.ledger().balance(m, PTS, at("2026-12-31T00:00")).total();
    }

    @Test
    void everyFiveHundredPointsBecomeAVoucherAndTheRestIsCarried() {
        LoyaltyProgram p = program(grocery());
        List<Voucher> issued = new ArrayList<>();
        List<long[]> progress = new ArrayList<>();
        VoucherRun q1 = p.convertToVouchers(at("2026-03-31T22:00"), issued::add,
                (done, total) -> progress.add(new long[] {done, total}));

        assertThat(q1.membersScanned()).isEqualTo(4);
        assertThat(q1.vouchers()).isEqualTo(3);
        assertThat(q1.converted()).containsExactly(java.util.Map.entry("PTS", 1500L));
        assertThat(q1.runDate()).isEqualTo(LocalDate.of(2026, 3, 31));
        assertThat(progress).extracting(d -> d[0] + "/" + d[1]).containsExactly("1/4", "2/4", "3/4", "4/4");
        assertThat(issued).extracting(Voucher::member).containsExactly(ANA, ANA, CEM);
        assertThat(balance(p, ANA)).isEqualTo(240);
        assertThat(balance(p, BEN)).isEqualTo(480);
        assertThat(balance(p, CEM)).isZero();
        assertThat(balance(p, DAN)).isEqualTo(900); // suspended: not converted

        Voucher first = issued.get(0);
        assertThat(first.value()).isEqualTo(Money.of("5.00", "EUR"));
        assertThat(first.cost()).isEqualTo(PTS.points(500));
        assertThat(first.issuedAt()).isEqualTo(at("2026-03-31T22:00"));
        assertThat(first.expiresAt()).isEqualTo(at("2026-06-30T22:00"));
        assertThat(first.isValidAt(at("2026-06-30T21:59"))).isTrue();
        assertThat(first.isValidAt(at("2026-06-30T22:00"))).isFalse();
        assertThat(first.code()).matches("V-[0-9A-F]{16}-1").doesNotContain("ana");
        assertThat(issued.get(1).code()).isEqualTo(first.code().replace("-1", "-2"));
        assertThat(p.vouchers(ANA, LocalDate.of(2026, 3, 31))).containsExactlyElementsOf(issued.subList(0, 2));
        assertThat(p.vouchers(BEN, LocalDate.of(2026, 3, 31))).isEmpty();

        // Q2: Ana's 240 + 300 = 540 make one more, Ben's 480 + 30 = 510 his first
        earn(p, ANA, 300, "2026-04-15T10:00", "q2-ana");
        earn(p, BEN, 30, "2026-05-15T10:00", "q2-ben");
        List<Voucher> q2 = new ArrayList<>();
        p.convertToVouchers(at("2026-06-30T22:00"), q2::add, (done, total) -> { });
        assertThat(q2).extracting(Voucher::member).containsExactly(ANA, BEN);
        assertThat(q2.get(0).code()).isNotEqualTo(first.code());
        assertThat(balance(p, ANA)).isEqualTo(40);
        assertThat(balance(p, BEN)).isEqualTo(10);
    }

    @Test
    void aRunRepeatedOnTheSameDateConvertsNothingTwiceAndHandsTheSameVouchersAgain() {
        LoyaltyProgram p = program(grocery());
        List<Voucher> first = new ArrayList<>();
        assertThatThrownBy(() -> p.convertToVouchers(at("2026-03-31T22:00"), v -> {
            if (v.member().equals(CEM)) {
                throw new IllegalStateException("voucher service down");
            }
            first.add(v);
        }, (done, total) -> { })).isInstanceOf(IllegalStateException.class);
        assertThat(first).hasSize(2);
        assertThat(balance(p, CEM)).isZero(); // converted, not handed over

        List<Voucher> again = new ArrayList<>();
        p.convertToVouchers(at("2026-03-31T23:30"), again::add, (done, total) -> { });
        assertThat(again).hasSize(3);
        assertThat(again.subList(0, 2)).isEqualTo(first);
        assertThat(balance(p, ANA)).isEqualTo(240);
        assertThat(balance(p, CEM)).isZero();

        earn(p, ANA, 800, "2026-04-01T10:00", "more");
        List<Voucher> third = new ArrayList<>();
        p.convertToVouchers(at("2026-03-31T23:45"), third::add, (done, total) -> { }); // still the 31st
        assertThat(third).isEqualTo(again);
        assertThat(balance(p, ANA)).isEqualTo(1040);
    }

    @Test
    void aProgramWithoutConversionsConvertsNothing() {
        LoyaltyProgram p = program(ProgramVersion.of("plain", ctx -> new Evaluation(List.of()), List.of()));
        List<Voucher> issued = new ArrayList<>();
        VoucherRun run = p.convertToVouchers(at("2026-03-31T22:00"), issued::add, (done, total) -> { });
        assertThat(run.vouchers()).isZero();
        assertThat(run.membersScanned()).isEqualTo(4);
        assertThat(issued).isEmpty();
        assertThat(balance(p, ANA)).isEqualTo(1240);
    }

    @Test
    void termsThatCannotBeKeptAreRefused() {
        assertThatThrownBy(() -> VoucherConversion.of(PTS.points(0), Money.of("5.00", "EUR")))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("points per voucher of PTS must be positive; got 0 minor units");
        assertThatThrownBy(() -> VoucherConversion.of(PTS.points(500), Money.of("0.00", "EUR")))
                .isInstanceOf(InvalidAmountException.class).hasMessage("voucher value must be positive; got 0.00 EUR");
        assertThatThrownBy(() -> TERMS.validFor(Period.ZERO)).isInstanceOf(InvalidRequestException.class)
                .hasMessage("voucher validity must be positive; got P0D");
        assertThat(TERMS).hasToString("every 500 PTS become a voucher of 5.00 EUR valid P3M");
        assertThat(grocery().voucherConversions()).containsOnlyKeys("PTS");
        assertThat(Points.of(PTS, 500)).isEqualTo(TERMS.everyPoints());
    }
}
