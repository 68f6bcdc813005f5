package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.RefundPolicy;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * A currency's rule for paying with points, {@code redeem from 200 in multiples of 100}, and what a return
 * gives back of points spent on an order ({@code refund pro rata}, {@code refund on full return}): read, printed
 * (the shortest form: {@code redeem in multiples of 100} when the minimum is the step), compiled to a
 * {@link RedemptionRule} and described from one.
 */
final class RedemptionClauses {

    /** The clauses of a currency statement, this one last. */
    static final List<String> CLAUSES = List.of("expires", "hold", "inactivity", "activity", "redeem", "convert");

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
        String refund = "none";
        Token next = p.peek();
        if (next.is("refund")) {
            p.advance();
            refund = switch (p.oneOf("'pro rata', 'on full return' or 'none'", List.of("pro", "on", "none"))) {
                case "pro" -> {
                    p.word("rata");
                    yield "pro rata";
                }
                case "on" -> {
                    p.word("full");
                    p.word("return");
                    yield "on full return";
                }
                default -> "none";
            };
        } else if (next.kind() == Token.Kind.IDENT && !CLAUSES.contains(next.text())
                && Names.closest(next.text(), List.of("refund")) != null) {
            p.fail(next, "'refund', a clause or ';'", List.of("refund"));
        }
        return new Ast.Redeem(Pos.of(keyword), from, step, refund);
    }

    /** The clause as the text writes it, after a new line and two spaces. */
    static String print(Ast.Redeem r) {
        return "redeem" + (r.from() == null ? "" : " from " + r.from().toPlainString())
                + (r.step() == null ? "" : " in multiples of " + r.step().toPlainString())
                + (r.refund().equals("none") ? "" : " refund " + r.refund());
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
        return rule.withRefund(RefundPolicy.valueOf(r.refund().toUpperCase(Locale.ROOT).replace(' ', '_')));
    }

    /** The clause of a rule built in Java: the minimum unless it is the step, the step unless it is one minor unit. */
    static Ast.Redeem describe(RedemptionRule rule) {
        boolean anyAmount = rule.step() == 1;
        return new Ast.Redeem(new Pos(0, 0, ""),
                anyAmount || rule.minimum() != rule.step() ? rule.minimumPoints().toDecimal() : null,
                anyAmount ? null : rule.stepPoints().toDecimal(),
                rule.refund().name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
}
