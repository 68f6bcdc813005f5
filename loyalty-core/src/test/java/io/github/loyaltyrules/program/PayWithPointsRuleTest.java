package io.github.loyaltyrules.program;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.InvalidAmountException;
import io.github.loyaltyrules.ledger.InvalidRequestException;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.ledger.Points;
import io.github.loyaltyrules.ledger.Posting;
import io.github.loyaltyrules.rule.Evaluation;
import io.github.loyaltyrules.tier.TierLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Pay with points from 200 points, in multiples of 100": the facade refuses other amounts with the
 * rule, and a refused redemption or reservation changes nothing. Tier points have no rule.
 */
class PayWithPointsRuleTest {

    static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    static final PointCurrency PTS = PointCurrency.of("PTS", "Points", 0);
    static final PointCurrency CASH = PointCurrency.of("CASH", "Store cash", 2);
    static final MemberId ANA = MemberId.of("ana");
    static final RedemptionRule FROM_200_BY_100 = RedemptionRule.of(PTS).withMinimum(PTS.points(200))
            .inMultiplesOf(PTS.points(100));

    static Instant at(String local) {
        return LocalDateTime.parse(local).atZone(CHICAGO).toInstant();
    }

    static LoyaltyProgram program(ProgramVersion version) {
        Ledger ledger = Ledger.builder().zone(CHICAGO).clock(Clock.fixed(at("2026-01-01T00:00"), CHICAGO))
                .currency(PTS).currency(CASH).build();
        LoyaltyProgram program = LoyaltyProgram.of(ledger, version, TierLookup.NONE);
        program.enrol(ANA, at("2026-01-02T09:00"));
        ledger.earn(ANA, PTS.points(1000), at("2026-01-03T09:00"), IdempotencyKey.of("earn"), "purchase");
        ledger.earn(ANA, Points.parse(CASH, "12.34"), at("2026-01-03T09:00"), IdempotencyKey.of("cash"), "purchase");
        return program;
    }

    static ProgramVersion terms() {
        return ProgramVersion.of("fy26", ctx -> new Evaluation(List.of()), List.of())
                .withRedemptionRules(FROM_200_BY_100, RedemptionRule.of(CASH).withMinimum(Points.parse(CASH, "5.00")));
    }

    long balance(LoyaltyProgram p, PointCurrency c) {
        return p.ledger().balance(ANA, c, at("2026-12-31T00:00")).total();
    }

    @Test
    void amountsBelowTheMinimumOrBetweenStepsAreRefusedAndChangeNothing() {
        LoyaltyProgram p = program(terms());
        var statement = p.ledger().statement(ANA);

        assertThatThrownBy(() -> p.redeem(ANA, PTS.points(100), at("2026-02-01T12:00"), IdempotencyKey.of("r1"), "pay"))
                .isInstanceOf(RedemptionRuleException.class).hasMessage("redemption of 100 PTS is below the minimum of"
                        + " 200 PTS; PTS are redeemed from 200 PTS in multiples of 100 PTS");
        assertThatThrownBy(() -> p.redeem(ANA, PTS.points(250), at("2026-02-01T12:00"), IdempotencyKey.of("r1"), "pay"))
                .isInstanceOf(RedemptionRuleException.class).hasMessage("redemption of 250 PTS is not a multiple of"
                        + " 100 PTS; PTS are redeemed from 200 PTS in multiples of 100 PTS");
        assertThatThrownBy(() -> p.reserve(ANA, PTS.points(150), Duration.ofMinutes(15), at("2026-02-01T12:00"),
                IdempotencyKey.of("h1"), "checkout")).isInstanceOf(RedemptionRuleException.class)
                .hasMessageStartingWith("redemption of 150 PTS is below the minimum of 200 PTS");
        assertThatThrownBy(() -> p.redeem(ANA, Points.parse(CASH, "4.99"), at("2026-02-01T12:00"),
                IdempotencyKey.of("c1"), "pay")).isInstanceOf(RedemptionRuleException.class)
                .hasMessage("redemption of 4.99 CASH is below the minimum of 5.00 CASH; CASH are redeemed from 5.00 CASH");

        assertThat(balance(p, PTS)).isEqualTo(1000);
        assertThat(balance(p, CASH)).isEqualTo(1234);
        assertThat(p.ledger().statement(ANA)).isEqualTo(statement);
        assertThat(p.ledger().posting(IdempotencyKey.of("r1"))).isEmpty();
        assertThat(p.ledger().reservation(ANA, IdempotencyKey.of("h1"))).isEmpty();
        // The refused key was not spent: it serves the corrected request.
        p.redeem(ANA, PTS.points(300), at("2026-02-01T12:01"), IdempotencyKey.of("r1"), "pay");
        assertThat(balance(p, PTS)).isEqualTo(700);
    }

    @Test
    void aYearOfPayingWithPoints() {
        LoyaltyProgram p = program(terms());
        p.redeem(ANA, PTS.points(200), at("2026-03-01T12:00"), IdempotencyKey.of("r1"), "pay");      // 800
        p.reserve(ANA, PTS.points(400), Duration.ofMinutes(15), at("2026-04-01T12:00"), IdempotencyKey.of("h1"),
                "checkout");
        p.capture(ANA, IdempotencyKey.of("h1"), at("2026-04-01T12:05"), IdempotencyKey.of("c1"));      // 400
        p.redeem(ANA, Points.parse(CASH, "5.00"), at("2026-05-01T12:00"), IdempotencyKey.of("cash-1"), "pay");
        assertThat(balance(p, PTS)).isEqualTo(400);
        assertThat(balance(p, CASH)).isEqualTo(734);
        // A retry of a posted redemption is replayed, even under terms that changed since.
        p.install(ProgramVersion.of("fy27", ctx -> new Evaluation(List.of()), List.of())
                .withRedemptionRules(RedemptionRule.of(PTS).withMinimum(PTS.points(500))));
        Posting again = p.redeem(ANA, PTS.points(200), at("2026-03-01T12:00"), IdempotencyKey.of("r1"), "pay");
        assertThat(again.key()).isEqualTo(IdempotencyKey.of("r1"));
        assertThat(balance(p, PTS)).isEqualTo(400);
        assertThatThrownBy(() -> p.redeem(ANA, PTS.points(400), at("2026-06-01T12:00"), IdempotencyKey.of("r2"), "pay"))
                .isInstanceOf(RedemptionRuleException.class).hasMessageContaining("below the minimum of 500 PTS");
        // Store cash has no rule under the new terms: any amount.
        p.redeem(ANA, Points.parse(CASH, "0.34"), at("2026-06-01T12:00"), IdempotencyKey.of("cash-2"), "pay");
        assertThat(balance(p, CASH)).isEqualTo(700);
    }

    @Test
    void programsWithoutARuleRedeemAnyAmount() {
        LoyaltyProgram p = program(ProgramVersion.of("plain", ctx -> new Evaluation(List.of()), List.of()));
        p.redeem(ANA, PTS.points(1), at("2026-02-01T12:00"), IdempotencyKey.of("r1"), "pay");
        p.redeem(ANA, PTS.points(149), at("2026-02-01T12:00"), IdempotencyKey.of("r2"), "pay");
        assertThat(balance(p, PTS)).isEqualTo(850);
    }

    @Test
    void aRuleIsValidatedWhenMade() {
        assertThat(FROM_200_BY_100).isEqualTo(new RedemptionRule(PTS, 200, 100));
        assertThat(RedemptionRule.of(PTS).inMultiplesOf(PTS.points(100))).isEqualTo(new RedemptionRule(PTS, 100, 100));
        assertThatThrownBy(() -> RedemptionRule.of(PTS).withMinimum(PTS.points(250)).inMultiplesOf(PTS.points(100)))
                .isInstanceOf(InvalidAmountException.class).hasMessage("redemption minimum of PTS must be a positive"
                        + " multiple of the step 100 PTS; got 250 PTS");
        assertThatThrownBy(() -> RedemptionRule.of(PTS).withMinimum(CASH.points(500)))
                .isInstanceOf(InvalidAmountException.class)
                .hasMessage("redemption minimum of PTS must be in PTS; got 5.00 CASH");
        assertThatThrownBy(() -> RedemptionRule.of(PTS).inMultiplesOf(PTS.points(0)))
                .isInstanceOf(InvalidAmountException.class).hasMessage("redemption step of PTS must be positive; got 0 PTS");
        assertThatThrownBy(() -> new ProgramVersion("v", ctx -> new Evaluation(List.of()), Map.of(),
                Map.of("CASH", FROM_200_BY_100))).isInstanceOf(InvalidRequestException.class)
                .hasMessage("redemption rule for PTS is filed under 'CASH'; file each rule under its currency's code");
    }
}
