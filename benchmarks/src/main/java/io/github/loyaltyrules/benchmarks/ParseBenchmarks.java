package io.github.loyaltyrules.benchmarks;

import io.github.loyaltyrules.rules.text.ParsedProgram;
import io.github.loyaltyrules.rules.text.ProgramText;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The program language: {@link ProgramText#parse(String)} of a generated program of 100 or 1,000
 * rules (see {@link #programText(int)}), and {@link ProgramText#print(ParsedProgram)} of the parsed
 * program back to canonical text.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ParseBenchmarks {

    /** How many rules the program has. */
    @Param({"100", "1000"})
    public int rules;

    private String text;
    private ParsedProgram parsed;

    /** Generates the text, parses it once and checks the rule count and that the printed text parses back. */
    @Setup
    public void setUp() {
        text = programText(rules);
        parsed = ProgramText.parse(text);
        int count = parsed.ruleSet().rules().size();
        if (count != rules) {
            throw new IllegalStateException("the program text has " + rules + " rules; parsed " + count);
        }
        String printed = ProgramText.print(parsed);
        int reparsed = ProgramText.parse(printed).ruleSet().rules().size();
        if (reparsed != rules) {
            throw new IllegalStateException("the printed text parses back to " + reparsed + " rules, not " + rules);
        }
    }

    /**
     * Parses the whole program text: lexing, parsing, name checks and compiling to a rule set.
     *
     * @return the parsed program
     */
    @Benchmark
    public ParsedProgram parse() {
        return ProgramText.parse(text);
    }

    /**
     * Prints the parsed program as canonical text.
     *
     * @return the text
     */
    @Benchmark
    public String print() {
        return ProgramText.print(parsed);
    }

    /**
     * Returns the text of a program of {@code rules} rules over three currencies (STARS, TQP and
     * MILES with two decimals), a ladder of three tiers, an exclusive group, a campaign and four
     * rewards. Each rule is keyed on its own SKU, category or store and cycles through fixed,
     * per-money, per-item and multiplier actions, some with caps, conditions on time, weekday and
     * tier, the group or the campaign.
     *
     * @param rules how many rules; at least 1
     * @return the program text
     * @throws IllegalArgumentException if {@code rules} is less than 1
     */
    public static String programText(int rules) {
        if (rules < 1) {
            throw new IllegalArgumentException("a generated program needs at least one rule; got " + rules);
        }
        StringBuilder b = new StringBuilder(rules * 160);
        b.append("# generated for ParseBenchmarks: ").append(rules).append(" rules\n");
        b.append("program \"generated-").append(rules).append("\";\n");
        b.append("zone \"Europe/Paris\";\n");
        b.append("multipliers additive;\n\n");
        b.append("currency STARS \"Stars\" decimals 0 expires at end of quarter 2 after hold 14 days;\n");
        b.append("currency TQP \"Tier points\" decimals 0;\n");
        b.append("currency MILES \"Miles\" decimals 2 expires after 18 months;\n\n");
        b.append("ladder window calendar year retention grace 1 month;\n");
        b.append("tier Green;\n");
        b.append("tier Gold from any of (300 TQP, 500.00 EUR) multiplier 1.25 perks \"free upsize\";\n");
        b.append("tier Reserve from any of (1000 TQP, 40 purchases) multiplier 1.5 never downgrade;\n\n");
        b.append("group breakfast best;\n");
        b.append("campaign summer \"Summer\" from 2024-06-01 until 2024-09-01 budget 100000 STARS;\n\n");
        for (int i = 0; i < rules; i++) {
            String id = String.format("r%05d", i);
            String key = switch (i % 3) {
                case 0 -> "sku = \"SKU-" + id + "\"";
                case 1 -> "category = \"cat-" + id + "\"";
                default -> "store = \"store-" + id + "\"";
            };
            String lines = (i % 3 == 2) ? "sku in (\"SKU-" + id + "-a\", \"SKU-" + id + "-b\")"
                    : key; // a store is not a line: per-line actions on a store rule name two SKUs
            b.append("rule ").append(id).append(" \"Generated rule ").append(i).append("\"\n");
            switch (i % 5) {
                case 0 -> b.append("  when ").append(key).append("\n  then earn ").append(1 + i % 7)
                        .append(" STARS per 1.00 EUR on ").append(lines).append(",\n       earn 1 TQP per 1.00 EUR;\n");
                case 1 -> b.append("  priority ").append(i % 10).append("\n  when ").append(key)
                        .append(" and weekday in (MON, TUE)\n  then earn 5 STARS per item on ").append(lines)
                        .append("\n  cap 20 STARS per transaction;\n");
                case 2 -> b.append("  group breakfast\n  when time from 07:00 until 10:00 and ").append(key)
                        .append("\n  then earn 0.").append(String.format("%02d", 10 + i % 90))
                        .append(" MILES per 1.00 EUR;\n");
                case 3 -> b.append("  when ").append(key).append(" and tier >= Gold\n  then multiply STARS by 2 on ")
                        .append(lines).append(";\n");
                default -> b.append("  campaign summer\n  when ").append(key)
                        .append(" and not channel = \"kiosk\"\n  then earn ").append(10 + i % 40)
                        .append(" STARS\n  cap 100 STARS per member per month;\n");
            }
        }
        b.append("\nreward latte \"Free latte\" costs 150 STARS;\n");
        b.append("reward mug \"Reserve mug\" costs 400 STARS for tier Gold, Reserve limit 1 per member;\n");
        b.append("reward lounge \"Lounge pass\" costs 25.00 MILES;\n");
        b.append("reward upgrade \"Tier upgrade\" costs 50 TQP from 2024-06-01 until 2025-01-01;\n");
        return b.toString();
    }
}
