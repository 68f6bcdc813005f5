package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import java.math.BigDecimal;
import java.util.List;

/**
 * A currency's rule for paying with points, {@code redeem from 200 in multiples of 100}: read, printed
 * (the shortest form: {@code redeem in multiples of 100} when the minimum is the step), compiled to a
 * {@link RedemptionRule} and described from one.
 */
final class RedemptionClauses {

    /** The clauses of a currency statement, this one last. */
    static final List<String> CLAUSES = List.of("expires", "hold", "inactivity", "activity", "spend", "redeem",
            "convert");

    private RedemptionClauses() {
    }

    /** Reads what follows {@code redeem}: {@code from NUMBER}, {@code in multiples of NUMBER}, or both. */
    static Ast.Redeem read(Parser p, Token keyword) {
        BigDecimal from = null;
        BigDecimal step = null;
        if (p.peek().is("from")) {
            p.advance();
            from = p.decimal("a minimum amount such as 200");
        }
        if (p.peek().is("in") || from == null) {
            p.word("in", from == null ? "'from' or 'in multiples of'" : "'in multiples of' or the next clause");
            p.word("multiples");
            p.word("of");
            step = p.decimal("a step such as 100");
        }
        return new Ast.Redeem(Pos.of(keyword), from, step);
    }

    /** The clause as the text writes it, after a new line and two spaces. */
    static String print(Ast.Redeem r) {
        return "redeem" + (r.from() == null ? "" : " from " + r.from().toPlainString())
                + (r.step() == null ? "" : " in multiples of " + r.step().toPlainString());
    }

    /** The rule of a currency; throws what {@link Points#fromDecimal} and {@link RedemptionRule} throw. */
    static RedemptionRule compile(Ast.Redeem r, PointCurrency currency) {
        RedemptionRule rule = RedemptionRule.of(currency);
        if (r.step() != null) {
            rule = rule.inMultiplesOf(Points.fromDecimal(currency, r.step()));
        }
        if (r.from() != null) {
            rule = rule.withMinimum(Points.fromDecimal(currency, r.from()));
        }
        return rule;
    }

    /** The clause of a rule built in Java: the minimum unless it is the step, the step unless it is one minor unit. */
    static Ast.Redeem describe(RedemptionRule rule) {
        boolean anyAmount = rule.step() == 1;
        return new Ast.Redeem(new Pos(0, 0, ""),
                anyAmount || rule.minimum() != rule.step() ? rule.minimumPoints().toDecimal() : null,
                anyAmount ? null : rule.stepPoints().toDecimal());
    }
}
