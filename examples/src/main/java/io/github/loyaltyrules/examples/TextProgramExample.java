package io.github.loyaltyrules.examples;

import io.github.loyaltyrules.ledger.IdempotencyKey;
import io.github.loyaltyrules.ledger.Ledger;
import io.github.loyaltyrules.ledger.MemberId;
import io.github.loyaltyrules.ledger.Money;
import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.program.LoyaltyProgram;
import io.github.loyaltyrules.program.ProgramVersion;
import io.github.loyaltyrules.program.Receipt;
import io.github.loyaltyrules.rule.BasketLine;
import io.github.loyaltyrules.rule.Purchase;
import io.github.loyaltyrules.rules.text.ParsedProgram;
import io.github.loyaltyrules.rules.text.Problem;
import io.github.loyaltyrules.rules.text.ProgramSyntaxException;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A loyalty program written in the program language (see {@code loyalty-rules/GRAMMAR.md}) instead
 * of Java: a coffee chain's rules, currencies and rewards are read from the resource
 * {@code coffee-chain.loyalty} and run in a {@link LoyaltyProgram}.
 *
 * <p>The example first parses a deliberately broken copy of the text and prints the error report:
 * every error at once, each with its line and column and, for a misspelt name, the closest known
 * one. It then installs the good program ({@link ParsedProgram#toVersion()}), runs three purchases
 * on Monday 2 March 2026 and prints their receipts, shows that installing the broken text leaves the
 * running version in place, and hot-swaps to a second version, the same text with a new id plus the
 * Tuesday campaign of {@code coffee-chain-tuesday.loyalty}: Tuesday's receipts name the new version.
 *
 * <p>Ada is a Gold member (double beans), Bob is Green; the shop looks their tiers up in its own
 * table ({@link io.github.loyaltyrules.tier.TierLookup}).
 */
public final class TextProgramExample {

    /** The program's resource. */
    static final String PROGRAM = "coffee-chain.loyalty";
    /** The statements the second version adds. */
    static final String TUESDAY = "coffee-chain-tuesday.loyalty";
    static final MemberId ADA = MemberId.of("ada");
    static final MemberId BOB = MemberId.of("bob");

    private static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
    private static final Map<MemberId, String> TIERS = Map.of(ADA, "Gold", BOB, "Green");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM uuuu HH:mm", Locale.ENGLISH);

    private TextProgramExample() {
    }

    /**
     * Runs the example and prints to standard output.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        run(System.out);
    }

    /**
     * Runs the example, printing to the given stream.
     *
     * @param out where the story is printed
     * @return the program at the end, for tests to check
     */
    static LoyaltyProgram run(PrintStream out) {
        String text = resource(PROGRAM);
        ParsedProgram parsed = ProgramText.parse(text);
        out.println("== Northside Coffee, loaded from " + PROGRAM + ": program " + parsed.id() + ", "
                + parsed.ruleSet().rules().size() + " rules, " + parsed.rewards().size() + " rewards, zone "
                + parsed.zone() + " ==");

        String broken = broken(text);
        out.println("-- A broken copy of " + PROGRAM + " is refused with every error at once --");
        try {
            ProgramText.parse(broken);
            throw new IllegalStateException("the broken copy parsed");
        } catch (ProgramSyntaxException e) {
            out.println(e.getMessage());
        }

        Ledger.Builder builder = Ledger.builder().zone(parsed.zone())
                .clock(Clock.fixed(at(3, 31, 23, 0), parsed.zone()));
        for (PointCurrency c : parsed.currencies()) {
            builder.currency(c);
        }
        LoyaltyProgram program = LoyaltyProgram.of(builder.build(), parsed.toVersion(),
                (member, instant) -> Optional.ofNullable(TIERS.get(member)));
        program.enrol(ADA, at(3, 1, 9, 0));
        program.enrol(BOB, at(3, 1, 9, 0));
        out.println("-- Installed " + program.version().id() + " --");

        buy(program, out, ADA, "ada-1", at(3, 2, 8, 15), List.of(
                BasketLine.of("1", "LATTE", "coffee", 1, Money.of("3.40", "EUR")),
                BasketLine.of("2", "CROISSANT", "pastry", 1, Money.of("2.60", "EUR"))));
        buy(program, out, BOB, "bob-1", at(3, 2, 12, 30), List.of(
                BasketLine.of("1", "LATTE", "coffee", 2, Money.of("3.40", "EUR")),
                BasketLine.of("2", "BEANS-KENYA", "beans", 1, Money.of("12.50", "EUR"))));
        buy(program, out, ADA, "ada-2", at(3, 2, 16, 0), List.of(
                BasketLine.of("1", "BEANS-KENYA", "beans", 2, Money.of("12.50", "EUR"))));

        try {
            program.install(ProgramText.parse(broken).toVersion());
            throw new IllegalStateException("the broken copy parsed");
        } catch (ProgramSyntaxException e) {
            out.println("-- Installing the broken copy failed (" + e.errors().size() + " errors); still running "
                    + program.version().id() + " --");
        }

        String next = text.replace("program \"northside-2026.1\";", "program \"northside-2026.2\";")
                + "\n" + resource(TUESDAY);
        ProgramVersion replaced = program.install(ProgramText.parse(next).toVersion());
        out.println("-- Hot-swapped " + replaced.id() + " for " + program.version().id()
                + " (adds the campaign of " + TUESDAY + ") --");

        buy(program, out, ADA, "ada-3", at(3, 3, 8, 5), List.of(
                BasketLine.of("1", "LATTE", "coffee", 2, Money.of("3.40", "EUR")),
                BasketLine.of("2", "CROISSANT", "pastry", 1, Money.of("2.60", "EUR"))));
        buy(program, out, BOB, "bob-2", at(3, 3, 13, 0), List.of(
                BasketLine.of("1", "FLAT-WHITE", "coffee", 1, Money.of("3.80", "EUR"))));

        program.redeemReward(ADA, "latte", at(3, 3, 8, 6), IdempotencyKey.of("ada-latte"));
        out.println("Ada redeems a free latte (100 BEANS)");
        PointCurrency beans = program.ledger().currency("BEANS");
        for (MemberId m : List.of(ADA, BOB)) {
            out.println("Balance of " + m.value() + ": " + program.ledger().balance(m, beans).total() + " BEANS");
        }
        return program;
    }

    /**
     * Returns the errors of a text that does not parse.
     *
     * @throws IllegalStateException if the text parses
     */
    static List<Problem> problems(String text) {
        try {
            ProgramText.parse(text);
        } catch (ProgramSyntaxException e) {
            return new ArrayList<>(e.errors());
        }
        throw new IllegalStateException("the text parsed");
    }

    /** The program text with four mistakes: a currency, a keyword, a group and a tier misspelt. */
    static String broken(String text) {
        return replaceOnce(replaceOnce(replaceOnce(replaceOnce(text,
                "earn 1 BEANS per 1.00 EUR", "earn 1 BEANZ per 1.00 EUR"),
                "when first purchase", "when frist purchase"),
                "  group breakfast\n", "  group brekfast\n"),
                "when tier = Gold", "when tier = Glod");
    }

    private static String replaceOnce(String text, String what, String with) {
        int i = text.indexOf(what);
        if (i < 0 || text.indexOf(what, i + 1) >= 0) {
            throw new IllegalStateException("expected '" + what + "' exactly once in the program text");
        }
        return text.substring(0, i) + with + text.substring(i + what.length());
    }

    private static Receipt buy(LoyaltyProgram program, PrintStream out, MemberId member, String key, Instant at,
            List<BasketLine> lines) {
        Receipt r = program.purchase(member, Purchase.of("amsterdam-1", "pos", lines), at, IdempotencyKey.of(key));
        out.println("Receipt " + key + ", " + member.value() + " (" + TIERS.get(member) + "), "
                + WHEN.format(at.atZone(ZONE)) + ", program " + r.programVersion() + ":");
        out.println("  " + r.render().replace("\n", "\n  "));
        return r;
    }

    private static Instant at(int month, int day, int hour, int minute) {
        return LocalDateTime.of(2026, month, day, hour, minute).atZone(ZONE).toInstant();
    }

    /**
     * Reads a resource of this example as UTF-8 text.
     *
     * @throws IllegalStateException if there is no such resource
     */
    static String resource(String name) {
        try (InputStream in = TextProgramExample.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
