package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.program.VoucherConversion;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import java.math.BigDecimal;
import java.time.Period;

/**
 * A currency's conversion into vouchers, {@code convert 500 into vouchers of 5.00 EUR valid for 3 months}:
 * read, printed, compiled to a {@link VoucherConversion} and described from one.
 */
final class VoucherClauses {

    private VoucherClauses() {
    }

    /** Reads what follows {@code convert}: {@code NUMBER "into" "vouchers" "of" money ["valid" "for" duration]}. */
    static Ast.Convert read(Parser p, Token keyword) {
        BigDecimal every = p.decimal("the points per voucher such as 500");
        p.word("into");
        p.word("vouchers");
        p.word("of");
        Ast.Cash value = p.cash();
        Period validity = null;
        if (p.peek().is("valid")) {
            p.advance();
            p.word("for");
            validity = p.duration();
        }
        return new Ast.Convert(Pos.of(keyword), every, value, validity);
    }

    /** The clause as the text writes it, after a new line and two spaces. */
    static String print(Ast.Convert c) {
        return "convert " + c.every().toPlainString() + " into vouchers of " + c.value().value().toPlainString() + " "
                + c.value().currency().value() + (c.validity() == null ? "" : " valid for " + Printer.duration(c.validity()));
    }

    /** The conversion of a currency; throws what {@link Points#fromDecimal} and {@link VoucherConversion} throw. */
    static VoucherConversion compile(Ast.Convert c, PointCurrency currency, Money value) {
        VoucherConversion conversion = VoucherConversion.of(Points.fromDecimal(currency, c.every()), value);
        return c.validity() == null ? conversion : conversion.validFor(c.validity());
    }

    /** The clause of a conversion built in Java. */
    static Ast.Convert describe(VoucherConversion c) {
        Pos nowhere = new Pos(0, 0, "");
        return new Ast.Convert(nowhere, c.everyPoints().toDecimal(), new Ast.Cash(nowhere, c.value().amount(),
                new Ast.Name(nowhere, c.value().currency().getCurrencyCode())), c.validity());
    }
}
