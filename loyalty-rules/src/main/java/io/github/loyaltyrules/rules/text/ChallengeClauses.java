package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.engagement.Challenge;
import io.github.loyaltyrules.engagement.ChallengeGoal;
import io.github.loyaltyrules.engagement.ChallengeWindow;
import io.github.loyaltyrules.engagement.StreakPeriod;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The {@code challenge} statement: compiled to a {@link Challenge} and described and printed from one,
 * e.g. {@code challenge five-visits "Shop 5 times this month" purchases 5 per month reward 200 PTS once
 * returns revoke;} or {@code challenge coffee-weeks "A coffee 3 weeks in a row" streak 3 weeks in category
 * coffee ever reward 300 PTS once returns revoke;}. The canonical text states every clause.
 */
final class ChallengeClauses {

    private ChallengeClauses() {
    }

    /**
     * Compiles a statement, given the amounts of the program's currencies and money already checked.
     *
     * @throws io.github.loyaltyrules.engagement.ChallengeException if the challenge is not valid
     */
    static Challenge compile(Ast.ChallengeDecl d, Points reward, Money spend) {
        ChallengeGoal goal;
        switch (d.measure()) {
            case "purchases":
                goal = ChallengeGoal.purchases(d.target());
                break;
            case "items":
                goal = ChallengeGoal.items(d.target());
                break;
            case "stores":
                goal = ChallengeGoal.distinctStores(d.target());
                break;
            case "streak":
                goal = ChallengeGoal.streak(d.target(), StreakPeriod.valueOf(
                        d.period().substring(0, d.period().length() - 1).toUpperCase(Locale.ROOT)));
                break;
            default:
                goal = ChallengeGoal.spend(spend);
        }
        if (d.category() != null) {
            goal = goal.inCategory(d.category().value());
        }
        return new Challenge(d.id().value(), d.name(), goal, ChallengeWindow.valueOf(d.window().toUpperCase(Locale.ROOT)),
                reward.currency().code(), reward.minorUnits(), d.repeatable(),
                d.keep() ? Challenge.ReturnPolicy.KEEP : Challenge.ReturnPolicy.REVOKE,
                d.badge() == null ? null : d.badge().value());
    }

    /**
     * Describes challenges as statements, each reward in a currency of {@code currencies}.
     *
     * @throws UnprintableProgramException if a challenge rewards a currency the program does not declare
     */
    static List<Ast.Stmt> describe(Collection<Challenge> challenges, Map<String, PointCurrency> currencies) {
        List<Ast.Stmt> out = new ArrayList<>();
        Ast.Pos nowhere = new Ast.Pos(0, 0, "");
        Function<String, Ast.Name> name = v -> new Ast.Name(nowhere, v);
        for (Challenge c : challenges) {
            PointCurrency currency = currencies.get(c.rewardCurrency());
            if (currency == null) {
                throw new UnprintableProgramException("challenge " + c.id() + " rewards currency " + c.rewardCurrency()
                        + ", which the program does not declare; the text states a challenge's reward in a declared currency");
            }
            ChallengeGoal g = c.goal();
            Ast.Cash spend = null;
            if (g.measure() == ChallengeGoal.Measure.SPEND) {
                int digits = java.util.Currency.getInstance(g.moneyCurrency()).getDefaultFractionDigits();
                spend = new Ast.Cash(nowhere, BigDecimal.valueOf(g.target(), Math.max(digits, 0)),
                        name.apply(g.moneyCurrency()));
            }
            out.add(new Ast.ChallengeDecl(nowhere, name.apply(c.id()), c.name(), g.measure().name().toLowerCase(Locale.ROOT),
                    spend == null ? g.target() : null, spend, g.period() == null ? null : g.period().word(),
                    g.category() == null ? null : name.apply(g.category()),
                    c.window().word(), new Ast.Amount(nowhere, BigDecimal.valueOf(c.rewardAmount(), currency.decimalPlaces()),
                            name.apply(currency.code())), c.repeatable(), c.returnPolicy() == Challenge.ReturnPolicy.KEEP,
                    c.badge() == null ? null : name.apply(c.badge())));
        }
        return out;
    }

    /** Prints a statement in canonical form. */
    static String print(Ast.ChallengeDecl d) {
        StringBuilder out = new StringBuilder("challenge ").append(Printer.name(d.id().value())).append(' ')
                .append(Printer.quote(d.name())).append("\n  ").append(d.measure()).append(' ');
        if (d.spend() != null) {
            out.append(d.spend().value().toPlainString()).append(' ').append(d.spend().currency().value());
        } else {
            out.append(d.target());
        }
        if (d.period() != null) {
            out.append(' ').append(d.period());
        }
        if (d.category() != null) {
            out.append(" in category ").append(Printer.name(d.category().value()));
        }
        out.append(d.window().equals("lifetime") ? " ever" : " per " + d.window());
        out.append("\n  reward ").append(d.reward().value().toPlainString()).append(' ')
                .append(Printer.name(d.reward().currency().value()))
                .append(d.repeatable() ? " repeatable" : " once").append(d.keep() ? " returns keep" : " returns revoke")
                .append(d.badge() == null ? "" : " badge " + Printer.name(d.badge().value())).append(";\n");
        return out.toString();
    }
}
