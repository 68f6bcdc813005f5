package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.tier.ChangeCause;
import io.github.loyaltyrules.tier.TierChange;
import io.github.loyaltyrules.tier.TierEngine;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Runs the README's demo so that it cannot rot, and checks the story it tells adds up. */
class CoffeeChainDemoTest {

    private static final MemberId ADA = MemberId.of("ada");
    private static final MemberId BOB = MemberId.of("bob");

    @Test
    void theDemoTellsTheWholeStoryAndItsBalancesAddUp() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        LoyaltyProgram program = CoffeeChainDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        Ledger ledger = program.ledger();

        assertThat(out).contains("Ada's first receipt", "+50 STAR: Welcome bonus",
                "ada upgraded from Green to Gold on 2026-04-07", "Double stars on Tuesdays for Gold",
                "Bob returns the mug", "Week 15, Ada's first Gold Tuesday", "reservation captured",
                "Year-end expiry sweep: {STAR=679}", "Year-end expiry sweep: {STAR=1364}",
                "ada retained Gold on 2027-01-01", "ada downgraded from Gold to Green on 2028-01-01",
                "Progress of ada on 2027-12-31: Gold (kept until 2028-01-01); 264 tier stars this year",
                "Progress of ada on 2028-01-01: Green; 0 tier stars this year; 300 more for Gold by 2029-01-01",
                "Statement of bob", "Program totals: 264 stars outstanding, 2043 expired at the two year ends");

        // Bob: 38.99 EUR -> 76 stars, +50 welcome; the mug (9.99 of 38.99) takes back its shares, 20 + 13;
        // the 93 he kept were earned in January 2026 and expired six months later.
        assertThat(out).contains("-13 STAR: Welcome bonus", "-20 STAR: 2 stars per 1.00", "1 lots expired, -93 stars");
        Instant end = Instant.parse("2027-12-31T22:00:00Z"); // the second sweep instant
        assertThat(ledger.balance(BOB, CoffeeChainDemo.STARS, end).total()).isZero();

        // Ada: 50 welcome + 14 Green Tuesdays of 22 + 37 Gold Tuesdays of 44 in 2026, 12 Gold Tuesdays of 44 in
        // 2027 = 2514; 300 spent on the drink; what she earned in 2027's last six months (6 x 44) is left.
        assertThat(out).contains("63 earnings, +2514 stars in all; 44 lots expired, -1950 stars");
        var ada = ledger.balance(ADA, CoffeeChainDemo.STARS, end);
        assertThat(ada.total()).isEqualTo(ada.available()).isEqualTo(264);
        assertThat(ada.reserved()).isZero();
        assertThat(ada.debt()).isZero();

        // 51 purchases of 22 tier stars in 2026, 12 in 2027.
        TierEngine tiers = program.tierEngine().orElseThrow();
        assertThat(tiers.history(ADA)).extracting(TierChange::from, TierChange::to, TierChange::cause)
                .containsExactly(
                        tuple("Green", "Gold", ChangeCause.THRESHOLD_REACHED),
                        tuple("Gold", "Green", ChangeCause.WINDOW_CLOSED));
        assertThat(out).contains("points:TIER reached 1122 (threshold 300 for Gold)");
        assertThat(tiers.tierAt(BOB, end).name()).isEqualTo("Green");
    }
}
