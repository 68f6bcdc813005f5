package io.github.loyaltyrules.rules.text;

import io.github.loyaltyrules.ledger.LoyaltyException;
import io.github.loyaltyrules.rules.text.Ast.Pos;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.Requirement;
import io.github.loyaltyrules.tier.Threshold;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A tier's entry requirement in text: {@code from 650 PTS}, {@code from all of (650 PTS, 325 QP)},
 * {@code from any of (75 counter nights, all of (50 counter nights, 10000.00 USD))}; and the old
 * {@code from 300 TQP, 500.00 EUR}, which means any of them and is read with a warning, since it reads
 * like "and". Read, printed, compiled to a {@link Requirement} and described from one.
 */
final class TierRequirements {

    private TierRequirements() {
    }

    /** Reads what follows {@code from}; the old comma list adds a warning to {@code warnings}. */
    static Ast.Req read(Parser p, List<Problem> warnings) {
        if (p.peek().is("all") || p.peek().is("any")) {
            return group(p, 0);
        }
        Token first = p.peek();
        if (first.kind() == Token.Kind.IDENT) {
            p.fail(first, "a threshold such as '300 TQP', or 'all of (...)' or 'any of (...)'", List.of("all", "any"));
        }
        Ast.Threshold th = p.threshold();
        if (!p.peek().is(",")) {
            return th;
        }
        List<Ast.Req> parts = new ArrayList<>();
        parts.add(th);
        while (p.peek().is(",")) {
            p.advance();
            parts.add(p.threshold());
        }
        warnings.add(new Problem(first.line(), first.column(), first.source(), "a list of thresholds after 'from'"
                + " means that any one of them suffices; write 'from any of (...)' to say so, or 'from all of (...)'"
                + " if every one is needed"));
        return new Ast.AnyReq(Pos.of(first), List.copyOf(parts));
    }

    private static Ast.Req group(Parser p, int depth) {
        Token t = p.peek();
        if (depth >= Parser.MAX_DEPTH) {
            p.fail(t, "a threshold (a requirement is nested at most " + Parser.MAX_DEPTH + " levels deep)", List.of());
        }
        String kind = p.oneOf("'all of' or 'any of'", List.of("all", "any"));
        p.word("of");
        p.symbol("(");
        List<Ast.Req> parts = new ArrayList<>();
        do {
            if (parts.size() > 0) {
                p.advance();
            }
            Token part = p.peek();
            if (part.kind() == Token.Kind.IDENT && !part.is("all") && !part.is("any")) {
                p.fail(part, "a threshold such as '300 TQP', or 'all of (...)' or 'any of (...)'", List.of("all", "any"));
            }
            parts.add(part.is("all") || part.is("any") ? group(p, depth + 1) : p.threshold());
        } while (p.peek().is(","));
        p.symbol(")", "',' or ')'");
        return kind.equals("all") ? new Ast.AllReq(Pos.of(t), List.copyOf(parts))
                : new Ast.AnyReq(Pos.of(t), List.copyOf(parts));
    }

    /** The requirement as the text writes it, e.g. {@code all of (650 PTS, 325 QP)}. */
    static String print(Ast.Req r, Function<Ast.Threshold, String> metric) {
        if (r instanceof Ast.Threshold th) {
            return th.value().toPlainString() + " " + metric.apply(th);
        }
        List<Ast.Req> parts = r instanceof Ast.AllReq a ? a.parts() : ((Ast.AnyReq) r).parts();
        StringBuilder sb = new StringBuilder(r instanceof Ast.AllReq ? "all of (" : "any of (");
        for (int k = 0; k < parts.size(); k++) {
            sb.append(k == 0 ? "" : ", ").append(print(parts.get(k), metric));
        }
        return sb.append(')').toString();
    }

    /**
     * Builds the requirement; a threshold whose metric cannot be resolved ({@code metric} throws after
     * reporting) or whose amount or group is refused (reported through {@code report}) gives null.
     */
    static Requirement compile(Ast.Req r, Function<Ast.Threshold, Metric> metric, BiConsumer<Pos, String> report) {
        if (r instanceof Ast.Threshold th) {
            Metric m = metric.apply(th);
            try {
                return Threshold.of(m, th.value());
            } catch (LoyaltyException e) {
                report.accept(th.pos(), e.getMessage());
                return null;
            }
        }
        List<Ast.Req> parts = r instanceof Ast.AllReq a ? a.parts() : ((Ast.AnyReq) r).parts();
        List<Requirement> built = new ArrayList<>();
        RuntimeException skipped = null;
        for (Ast.Req part : parts) {
            try {
                built.add(compile(part, metric, report));
            } catch (RuntimeException e) { // the metric was reported; check the other parts too
                skipped = e;
            }
        }
        if (skipped != null) {
            throw skipped;
        }
        if (built.contains(null)) {
            return null;
        }
        Pos pos = r instanceof Ast.AllReq a ? a.pos() : ((Ast.AnyReq) r).pos();
        try {
            Requirement[] array = built.toArray(new Requirement[0]);
            return r instanceof Ast.AllReq ? new Requirement.AllOf(List.of(array)) : new Requirement.AnyOf(List.of(array));
        } catch (LoyaltyException e) {
            report.accept(pos, e.getMessage());
            return null;
        }
    }

    /** The syntax of a requirement built in Java; {@code threshold} writes one threshold. */
    static Ast.Req describe(Requirement r, ThresholdWriter threshold) {
        if (r instanceof Threshold th) {
            return threshold.of(th.metric(), th.amount());
        }
        List<Requirement> parts = r instanceof Requirement.AllOf a ? a.parts() : ((Requirement.AnyOf) r).parts();
        List<Ast.Req> out = new ArrayList<>();
        for (Requirement p : parts) {
            out.add(describe(p, threshold));
        }
        Pos nowhere = new Pos(0, 0, "");
        return r instanceof Requirement.AllOf ? new Ast.AllReq(nowhere, List.copyOf(out))
                : new Ast.AnyReq(nowhere, List.copyOf(out));
    }

    /** Writes one threshold of a requirement built in Java. */
    interface ThresholdWriter {
        Ast.Threshold of(Metric metric, BigDecimal amount);
    }
}
