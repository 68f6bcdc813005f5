package io.github.loyaltyrules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Runs the README's demo so that it cannot rot, and checks the story it tells adds up. */
class CoffeeChainDemoTest {

    @Test
    void theDemoTellsTheWholeStoryAndItsBalancesAddUp() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Ledger ledger = CoffeeChainDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("Ada's first receipt", "+50 STAR: Welcome bonus",
                "Ada is upgraded from Green to Gold", "Gold Tuesday double stars",
                "Bob returns the mug", "Ada's first Gold Tuesday", "reservation captured", "Year-end expiry sweep", "Statement of bob");

        Instant end = Instant.parse("2026-12-31T22:00:00Z"); // the sweep instant
        // Bob: 2 x 14.50 = 29.00 -> 58 stars, the mug 9.99 -> 18 stars, +50 welcome; the mug is returned
        // (-18); everything he kept was earned in January and expired six months later.
        assertThat(ledger.balance(MemberId.of("bob"), CoffeeChainDemo.STARS, end).total()).isZero();
        // Ada keeps what she earned in the last six months: 26 Gold Tuesdays of 40 stars.
        var ada = ledger.balance(MemberId.of("ada"), CoffeeChainDemo.STARS, end);
        assertThat(ada.total()).isEqualTo(ada.available()).isEqualTo(1000);
        assertThat(ada.reserved()).isZero();
        assertThat(ada.debt()).isZero();
    }
}
