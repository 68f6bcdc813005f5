package io.github.loyaltyrules.rules.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.tier.Metric;
import io.github.loyaltyrules.tier.Requirement;
import io.github.loyaltyrules.tier.Threshold;
import io.github.loyaltyrules.tier.TierEngine;
import io.github.loyaltyrules.tier.TierLadder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Currency;
import org.junit.jupiter.api.Test;

/**
 * "Plus from 650 points and 325 qualifying points" and "Platinum from 75 nights, or 50 nights and
 * 10,000.00 USD" written as {@code all of} and {@code any of}; the old comma list, which reads like
 * "and" but means "any of", still works and warns.
 */
class AllOfAnyOfTextTest {

    private static final String TERMS = """
            program "club-and-stays";
            zone "America/New_York";
            currency PTS "Points" decimals 0;
            currency QP "Qualifying points" decimals 0;
            tier Club;
            tier Plus from all of (650 PTS, 325 QP);
            tier Gold from any of (25 counter nights, all of (1000 PTS, 500 QP));
            tier Platinum from any of (75 counter nights, all of (50 counter nights, 10000.00 USD));
            rule base then earn 1 PTS per 1.00 USD;
            """;

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(ZoneId.of("America/New_York")).toInstant();
    }

    @Test
    void requirementsAreReadAsPublishedAndWorkThroughTheTierEngine() {
        ParsedProgram p = ProgramText.parse(TERMS);
        assertThat(p.warnings()).isEmpty();
        TierLadder ladder = p.ladder().orElseThrow();
        Metric pts = Metric.points(p.currency("PTS").orElseThrow());
        Metric qp = Metric.points(p.currency("QP").orElseThrow());
        Metric nights = Metric.counter("nights");
        Metric usd = Metric.spend(Currency.getInstance("USD"));
        assertThat(ladder.tier("Plus").requirement()).contains(Requirement.allOf(Threshold.of(pts, 650),
                Threshold.of(qp, 325)));
        assertThat(ladder.tier("Platinum").requirement()).contains(Requirement.anyOf(Threshold.of(nights, 75),
                Requirement.allOf(Threshold.of(nights, 50), Threshold.of(usd, new BigDecimal("10000.00")))));

        TierEngine engine = TierEngine.of(ladder);
        MemberId ana = MemberId.of("ana");
        PointCurrency points = p.currency("PTS").orElseThrow();
        PointCurrency qualifying = p.currency("QP").orElseThrow();
        engine.record(ana, points.points(800), at("2026-01-20T10:00"), IdempotencyKey.of("a1"));
        assertThat(engine.tierAt(ana, at("2026-01-20T10:00")).name()).isEqualTo("Club");      // 800 PTS, 0 QP
        engine.record(ana, qualifying.points(325), at("2026-02-20T10:00"), IdempotencyKey.of("a2"));
        assertThat(engine.tierAt(ana, at("2026-02-20T10:00")).name()).isEqualTo("Plus");      // 800 PTS, 325 QP
        engine.record(ana, points.points(200), at("2026-03-20T10:00"), IdempotencyKey.of("a3"));
        assertThat(engine.tierAt(ana, at("2026-03-20T10:00")).name()).isEqualTo("Plus");      // 1000 PTS, 325 QP
        engine.record(ana, qualifying.points(175), at("2026-04-20T10:00"), IdempotencyKey.of("a4"));
        assertThat(engine.tierAt(ana, at("2026-04-20T10:00")).name()).isEqualTo("Gold");      // 1000 PTS, 500 QP
        engine.record(ana, nights, 50, at("2026-05-20T10:00"), IdempotencyKey.of("a5"));
        assertThat(engine.tierAt(ana, at("2026-05-20T10:00")).name()).isEqualTo("Gold");      // 50 nights, no spend
        engine.record(ana, Money.of("10000.00", "USD"), at("2026-06-20T10:00"), IdempotencyKey.of("a6"));
        assertThat(engine.tierAt(ana, at("2026-06-20T10:00")).name()).isEqualTo("Platinum");
    }

    @Test
    void theCanonicalTextWritesEveryGroupAndReadsBackTheSame() {
        String printed = ProgramText.print(ProgramText.parse(TERMS));
        assertThat(printed).contains("""
                tier Club;
                tier Plus from all of (650 PTS, 325 QP);
                tier Gold from any of (25 counter nights, all of (1000 PTS, 500 QP));
                tier Platinum from any of (75 counter nights, all of (50 counter nights, 10000.00 USD));
                """);
        ParsedProgram again = ProgramText.parse(printed);
        assertThat(ProgramText.print(again)).isEqualTo(printed);
        assertThat(again.ladder().orElseThrow().tiers()).isEqualTo(ProgramText.parse(TERMS).ladder().orElseThrow().tiers());
    }

    @Test
    void aLadderBuiltInJavaPrintsAsTheText() {
        ParsedProgram p = ProgramText.parse(TERMS);
        Metric pts = Metric.points(p.currency("PTS").orElseThrow());
        Metric qp = Metric.points(p.currency("QP").orElseThrow());
        Metric nights = Metric.counter("nights");
        Metric usd = Metric.spend(Currency.getInstance("USD"));
        TierLadder java = TierLadder.builder().zone(p.zone()).metrics(pts, qp, nights, usd)
                .tier(io.github.loyaltyrules.tier.Tier.of("Club"))
                .tier(io.github.loyaltyrules.tier.Tier.of("Plus").withRequirement(Requirement.allOf(Threshold.of(pts, 650),
                        Threshold.of(qp, 325))))
                .tier(io.github.loyaltyrules.tier.Tier.of("Gold").withRequirement(Requirement.anyOf(
                        Threshold.of(nights, 25), Requirement.allOf(Threshold.of(pts, 1000), Threshold.of(qp, 500)))))
                .tier(io.github.loyaltyrules.tier.Tier.of("Platinum").withRequirement(Requirement.anyOf(
                        Threshold.of(nights, 75), Requirement.allOf(Threshold.of(nights, 50),
                                Threshold.of(usd, new BigDecimal("10000.00"))))))
                .build();
        assertThat(ProgramText.print(p.toVersion(), java)).isEqualTo(ProgramText.print(p));
    }

    @Test
    void theOldCommaListMeansAnyOfAndWarns() {
        ParsedProgram old = ProgramText.parse("""
                currency TQP "Tier points" decimals 0;
                tier Green;
                tier Gold from 300 TQP, 500.00 EUR;
                """);
        assertThat(old.warnings()).containsExactly(new Problem(3, 16, "300", "a list of thresholds after 'from' means"
                + " that any one of them suffices; write 'from any of (...)' to say so, or 'from all of (...)' if every"
                + " one is needed"));
        ParsedProgram plain = ProgramText.parse("""
                currency TQP "Tier points" decimals 0;
                tier Green;
                tier Gold from any of (300 TQP, 500.00 EUR);
                """);
        assertThat(plain.warnings()).isEmpty();
        assertThat(old.ladder().orElseThrow().tiers()).isEqualTo(plain.ladder().orElseThrow().tiers());
        assertThat(ProgramText.print(old)).isEqualTo(ProgramText.print(plain));
    }

    @Test
    void mistakesInGroupsAreReportedWithWhatWasExpected() {
        ProgramSyntaxException e = catchThrowableOfType(() -> ProgramText.parse("""
                currency PTS "Points" decimals 0;
                currency QP "Qualifying points" decimals 0;
                tier Club;
                tier Plus from alll of (650 PTS, 325 QP);
                tier Gold from all of (1000 PTS, 500 QPS);
                tier Silver from any of (100 PTS, 200 PTS);
                tier Bronze from all of (100 PTS 325 QP);
                """), ProgramSyntaxException.class);
        assertThat(e.errors()).containsExactly(
                new Problem(4, 16, "alll", "expected a threshold such as '300 TQP', or 'all of (...)' or 'any of"
                        + " (...)', found 'alll'; did you mean 'all'?"),
                new Problem(5, 38, "QPS", "unknown currency 'QPS', did you mean 'QP'?"),
                new Problem(6, 18, "any", "'any of' has two thresholds on points:PTS in any of (points:PTS >= 100,"
                        + " points:PTS >= 200); one threshold per metric in a group"),
                new Problem(7, 34, "325", "expected ',' or ')', found '325'"));
        ProgramSyntaxException ladder = catchThrowableOfType(() -> ProgramText.parse("""
                currency PTS "Points" decimals 0;
                currency QP "Qualifying points" decimals 0;
                tier Club;
                tier Plus from all of (650 PTS, 325 QP);
                tier Gold from all of (600 PTS, 300 QP);
                """), ProgramSyntaxException.class);
        assertThat(ladder.errors()).singleElement().satisfies(p -> assertThat(p.message()).isEqualTo("tier 'Plus' is"
                + " reached by all of (points:PTS >= 650, points:QP >= 325), which also meets all of (points:PTS >= 600,"
                + " points:QP >= 300) of tier 'Gold' above it; a lower tier must be easier to reach"));
    }
}
