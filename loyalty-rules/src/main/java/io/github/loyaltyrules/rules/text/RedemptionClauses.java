package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.internal.Inputs;
import io.github.loyaltyrules.program.PointWorth;
import io.github.loyaltyrules.program.RedemptionRule;
import io.github.loyaltyrules.program.RefundPolicy;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A currency's rule for paying with points, {@code redeem from 200 in multiples of 100}, and what a return
 * gives back of points spent on an order ({@code refund pro rata}, {@code refund on full return}): read, printed
 * (the shortest form: {@code redeem in multiples of 100} when the minimum is the step), compiled to a
 * {@link RedemptionRule} and described from one.
 */
final class RedemptionClauses {

    /** The clauses of a currency statement, this one last. */
    static final List<String> CLAUSES = List.of("expires", "hold", "inactivity", "activity", "spend", "redeem", "worth",
            "convert", "kept");

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

    /**
     * Reads what follows {@code worth}: {@code money "per" NUMBER { "," "times" NUMBER "at" "channel" value }}.
     */
    static Ast.Worth readWorth(Parser p, Token keyword) {
        Ast.Cash value = p.cash();
        p.word("per");
        BigDecimal per = p.decimal("the points they are worth it per, such as 100");
        List<Ast.ChannelFactor> channels = new ArrayList<>();
        while (p.peek().is(",")) {
            p.advance();
            Token times = p.peek();
            p.word("times");
            BigDecimal factor = p.decimal("a factor such as 2");
            p.word("at");
            p.word("channel");
            Token at = p.peek();
            channels.add(new Ast.ChannelFactor(Pos.of(times), factor, new Ast.Name(Pos.of(at), p.value("a channel"))));
        }
        return new Ast.Worth(Pos.of(keyword), value, per, List.copyOf(channels));
    }

    /** The clause as the text writes it, after a new line and two spaces; the worth clause on a line of its own. */
    static String print(Ast.Redeem r) {
        String worth = r.worth() == null ? "" : "worth " + r.worth().value().value().toPlainString() + " "
                + r.worth().value().currency().value() + " per " + r.worth().per().toPlainString()
                + r.worth().channels().stream().map(c -> ", times " + c.factor().toPlainString() + " at channel "
                        + Printer.name(c.channel().value())).collect(Collectors.joining());
        if (r.from() == null && r.step() == null) {
            return worth;
        }
        return "redeem" + (r.from() == null ? "" : " from " + r.from().toPlainString())
                + (r.step() == null ? "" : " in multiples of " + r.step().toPlainString())
                + (r.refund().equals("none") ? "" : " refund " + r.refund()) + (worth.isEmpty() ? "" : "\n  " + worth);
    }

    /**
     * The rule of a currency, with the points' value ({@code worthValue}, the money of the worth clause
     * resolved by the compiler; null without one); throws what {@link Points#fromDecimal},
     * {@link RedemptionRule} and {@link PointWorth} throw.
     */
    static RedemptionRule compile(Ast.Redeem r, PointCurrency currency, Money worthValue) {
        RedemptionRule rule = RedemptionRule.of(currency);
        if (r.step() != null) {
            rule = rule.inMultiplesOf(Points.fromDecimal(currency, r.step()));
        }
        if (r.from() != null) {
            rule = rule.withMinimum(Points.fromDecimal(currency, r.from()));
        }
        rule = rule.withRefund(RefundPolicy.valueOf(r.refund().toUpperCase(Locale.ROOT).replace(' ', '_')));
        if (r.worth() == null) {
            return rule;
        }
        PointWorth worth = PointWorth.of(Points.fromDecimal(currency, r.worth().per()), worthValue);
        for (Ast.ChannelFactor c : r.worth().channels()) {
            if (worth.channelFactors().containsKey(c.channel().value())) {
                throw new InvalidRequestException("channel '" + Inputs.shown(c.channel().value())
                        + "' has a factor twice; give each channel one");
            }
            worth = worth.atChannel(c.channel().value(), c.factor());
        }
        return rule.withWorth(worth);
    }

    /** The clause of a rule built in Java: the minimum unless it is the step, the step unless it is one minor unit. */
    static Ast.Redeem describe(RedemptionRule rule) {
        boolean anyAmount = rule.step() == 1;
        boolean worthAlone = anyAmount && rule.minimum() == 1 && rule.refund() == RefundPolicy.NONE
                && rule.worth() != null;
        Pos nowhere = new Pos(0, 0, "");
        Ast.Worth worth = null;
        if (rule.worth() != null) {
            PointWorth w = rule.worth();
            worth = new Ast.Worth(nowhere, new Ast.Cash(nowhere, w.value().amount(),
                    new Ast.Name(nowhere, w.value().currency().getCurrencyCode())), w.perPoints().toDecimal(),
                    w.channelFactors().entrySet().stream().map(e -> new Ast.ChannelFactor(nowhere, e.getValue(),
                            new Ast.Name(nowhere, e.getKey()))).toList());
        }
        return new Ast.Redeem(nowhere,
                worthAlone ? null : anyAmount || rule.minimum() != rule.step() ? rule.minimumPoints().toDecimal() : null,
                anyAmount ? null : rule.stepPoints().toDecimal(),
                rule.refund().name().toLowerCase(Locale.ROOT).replace('_', ' '), worth);
    }
}
