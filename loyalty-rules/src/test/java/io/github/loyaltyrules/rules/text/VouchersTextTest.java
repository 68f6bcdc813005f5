package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Voucher;
import io.github.loyaltyrules.program.VoucherConversion;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * "Every 500 points become a 5.00 EUR voucher, valid for 3 months, at the end of each quarter; the rest
 * is carried over" written as {@code convert 500 into vouchers of 5.00 EUR valid for 3 months}.
 */
class VouchersTextTest {

    private static final String TERMS = """
            program "grocery";
            zone "Europe/Berlin";
            currency PTS "Points" decimals 0
              convert 500 into vouchers of 5.00 EUR valid for 3 months;
            rule base then earn 1 PTS per 1.00 EUR;
            """;

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    }

    @Test
    void aQuarterOfShoppingBecomesVouchersAndTheRestIsCarried() {
        ParsedProgram p = ProgramText.parse(TERMS);
        PointCurrency pts = p.currency("PTS").orElseThrow();
        assertThat(p.voucherConversions()).containsExactly(
                VoucherConversion.of(pts.points(500), Money.of("5.00", "EUR")).validFor(Period.ofMonths(3)));
        Ledger ledger = Ledger.builder().zone(p.zone()).clock(Clock.fixed(at("2026-01-01T00:00"), p.zone()))
                .currency(pts).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, p.toVersion(), TierLookup.NONE);
        MemberId ana = MemberId.of("ana");
        program.enrol(ana, at("2026-01-02T09:00"));
        ledger.earn(ana, pts.points(1120), at("2026-02-02T09:00"), IdempotencyKey.of("feb"), "purchase");

        List<Voucher> vouchers = new ArrayList<>();
        program.convertToVouchers(at("2026-03-31T23:00"), vouchers::add, (done, total) -> { });
        assertThat(vouchers).extracting(Voucher::value).containsExactly(Money.of("5.00", "EUR"), Money.of("5.00", "EUR"));
        assertThat(vouchers.get(0).expiresAt()).isEqualTo(at("2026-06-30T23:00"));
        assertThat(ledger.balance(ana, pts, at("2026-04-01T00:00")).total()).isEqualTo(120);
    }

    @Test
    void theCanonicalTextReadsBackAndAJavaBuiltVersionPrintsTheSame() {
        String printed = ProgramText.print(ProgramText.parse(TERMS));
        assertThat(printed).contains("""
                currency PTS "Points" decimals 0
                  convert 500 into vouchers of 5.00 EUR valid for 3 months;
                """);
        assertThat(ProgramText.print(ProgramText.parse(printed))).isEqualTo(printed);
        ParsedProgram p = ProgramText.parse(TERMS);
        ProgramVersion java = ProgramVersion.of("grocery", p.ruleSet(), List.of()).withVoucherConversions(
                VoucherConversion.of(p.currency("PTS").orElseThrow().points(500), Money.of("5.00", "EUR"))
                        .validFor(Period.ofMonths(3)));
        assertThat(ProgramText.print(java, p.zone())).isEqualTo(printed);
        assertThat(ProgramText.print(ProgramText.parse("currency M \"Miles\" decimals 2 convert 10.5 into vouchers"
                + " of 1 USD;"))).isEqualTo("currency M \"Miles\" decimals 2\n  convert 10.50 into vouchers of 1.00 USD;\n");
    }

    @Test
    void aConversionThatCannotBeKeptOrIsMisspeltIsAnError() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency A "A" decimals 0 convert 500 into vouchrs of 5.00 EUR;
                currency B "B" decimals 0 convert 500 into vouchers of 5.00 EUX;
                currency C "C" decimals 0 convert 0 into vouchers of 5.00 EUR;
                currency D "D" decimals 0 convert 500 into vouchers of 5.00 EUR valid 3 months;
                currency E "E" decimals 0 conver 500 into vouchers of 5.00 EUR;
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(
                new Problem(1, 44, "vouchrs", "expected 'vouchers', found 'vouchrs'; did you mean 'vouchers'?"),
                new Problem(2, 61, "EUX", "unknown money currency 'EUX', did you mean 'EUR'?"),
                new Problem(3, 27, "convert", "currency C: points per voucher of C must be positive; got 0 minor units"),
                new Problem(4, 71, "3", "expected 'for', found '3'"),
                new Problem(5, 27, "conver", "expected 'expires', 'hold', 'inactivity', 'activity', 'spend', 'redeem', 'worth',"
                        + " 'convert', 'kept' or ';', found 'conver'; did you mean 'convert'?"));
    }
}
