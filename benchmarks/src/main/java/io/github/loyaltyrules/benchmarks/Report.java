package io.github.loyaltyrules.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JMH CSV result file ({@code -rf csv}) into the table of the README's performance section:
 * one row per benchmark and parameter set with its score and allocation, and, for the earn
 * comparisons, our time against the hand-written floor and the general rule engine in the same run;
 * for the ledger comparisons (methods {@code <op>Ours} and {@code <op>Floor}, as in
 * {@link LedgerFloorBenchmarks}), our time against the floor's for each operation.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar io.github.loyaltyrules.benchmarks.Report results.csv}
 */
public final class Report {

    private Report() {
    }

    /**
     * Prints the table for a CSV file.
     *
     * @param args the path of the CSV file
     * @throws IOException if the file cannot be read
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Report <jmh-results.csv>");
            System.exit(2);
        }
        print(Files.readAllLines(Path.of(args[0]), StandardCharsets.UTF_8), System.out);
    }

    /** One measured score. */
    record Row(String benchmark, String params, String score, String error, String unit) {
    }

    static void print(List<String> csv, PrintStream out) {
        List<String> header = fields(csv.get(0));
        Map<String, Row> primary = new LinkedHashMap<>();
        Map<String, String> alloc = new LinkedHashMap<>();
        for (String line : csv.subList(1, csv.size())) {
            List<String> f = fields(line);
            StringBuilder params = new StringBuilder();
            for (int i = 7; i < f.size(); i++) {
                if (!f.get(i).isEmpty()) {
                    params.append(params.length() == 0 ? "" : " ").append(header.get(i).replace("Param: ", ""))
                            .append('=').append(f.get(i));
                }
            }
            String name = f.get(0).replace("io.github.loyaltyrules.benchmarks.", "");
            if (f.get(2).length() > 0 && !"1".equals(f.get(2))) {
                params.append(params.length() == 0 ? "" : " ").append("threads=").append(f.get(2));
            }
            if (name.endsWith(":gc.alloc.rate.norm")) {
                alloc.put(name.substring(0, name.indexOf(':')) + "|" + params, round(f.get(4), 0) + " B/op");
            } else if (!name.contains(":")) {
                primary.put(name + "|" + params, new Row(name, params.toString(), f.get(4), f.get(5), f.get(6)));
            }
        }
        out.printf("%-52s %-28s %16s %12s%n", "benchmark", "params", "score", "alloc");
        for (Map.Entry<String, Row> e : primary.entrySet()) {
            Row r = e.getValue();
            String err = "NaN".equals(r.error()) ? "" : " ±" + round(r.error(), 1);
            out.printf("%-52s %-28s %16s %12s%n", r.benchmark(), r.params(), round(r.score(), 1) + err + " " + r.unit(),
                    alloc.getOrDefault(e.getKey(), ""));
        }
        ratios(primary, out);
        floorRatios(primary, out);
    }

    /** For each parameter set of an earn comparison: ours/floor and engine/ours. */
    private static void ratios(Map<String, Row> primary, PrintStream out) {
        Map<String, Map<String, BigDecimal>> groups = new LinkedHashMap<>();
        for (Row r : primary.values()) {
            int dot = r.benchmark().lastIndexOf('.');
            String method = r.benchmark().substring(dot + 1);
            if (method.equals("ours") || method.equals("floor") || method.equals("easyRules")) {
                groups.computeIfAbsent(r.benchmark().substring(0, dot) + " " + r.params(), k -> new LinkedHashMap<>())
                        .put(method, new BigDecimal(r.score()));
            }
        }
        if (groups.isEmpty()) {
            return;
        }
        out.println();
        out.printf("%-60s %12s %12s %12s %10s %12s%n", "comparison (ns/op)", "ours", "floor", "easy rules", "ours/floor",
                "engine/ours");
        for (Map.Entry<String, Map<String, BigDecimal>> g : groups.entrySet()) {
            BigDecimal ours = g.getValue().get("ours");
            BigDecimal floor = g.getValue().get("floor");
            BigDecimal engine = g.getValue().get("easyRules");
            out.printf("%-60s %12s %12s %12s %10s %12s%n", g.getKey(), text(ours), text(floor), text(engine),
                    ratio(ours, floor), ratio(engine, ours));
        }
    }

    /**
     * For each operation with an {@code <op>Ours} and an {@code <op>Floor} method and each parameter set: ours/floor.
     * Operations that also have an {@code <op>Text} method (our engine on a program read from text) get a table of
     * their own with both against the floor, and the growth of each from the first parameter set to the last.
     */
    private static void floorRatios(Map<String, Row> primary, PrintStream out) {
        Map<String, BigDecimal[]> groups = new LinkedHashMap<>();
        Map<String, Boolean> withText = new LinkedHashMap<>();
        for (Row r : primary.values()) {
            int dot = r.benchmark().lastIndexOf('.');
            String method = r.benchmark().substring(dot + 1);
            String suffix = method.endsWith("Ours") ? "Ours" : method.endsWith("Floor") ? "Floor"
                    : method.endsWith("Text") ? "Text" : null;
            if (suffix != null && method.length() > suffix.length()) {
                String op = r.benchmark().substring(0, r.benchmark().length() - suffix.length());
                int slot = suffix.equals("Ours") ? 0 : suffix.equals("Floor") ? 1 : 2;
                groups.computeIfAbsent(op + "|" + r.params(), k -> new BigDecimal[3])[slot] = new BigDecimal(r.score());
                withText.merge(op, slot == 2, Boolean::logicalOr);
            }
        }
        boolean ledgerHeader = false;
        for (Map.Entry<String, BigDecimal[]> g : groups.entrySet()) {
            String op = g.getKey().substring(0, g.getKey().indexOf('|'));
            if (withText.get(op)) {
                continue;
            }
            if (!ledgerHeader) {
                out.println();
                out.printf("%-60s %12s %12s %10s%n", "ledger vs floor (ns/op)", "ours", "floor", "ours/floor");
                ledgerHeader = true;
            }
            BigDecimal[] v = g.getValue();
            out.printf("%-60s %12s %12s %10s%n", g.getKey().replace('|', ' '), text(v[0]), text(v[1]),
                    ratio(v[0], v[1]));
        }
        for (Map.Entry<String, Boolean> op : withText.entrySet()) {
            if (!op.getValue()) {
                continue;
            }
            out.println();
            out.printf("%-60s %12s %12s %12s %10s %10s%n", "evaluation vs floor (ns/op)", "ours", "text", "floor",
                    "ours/floor", "text/floor");
            BigDecimal[] first = null;
            BigDecimal[] last = null;
            for (Map.Entry<String, BigDecimal[]> g : groups.entrySet()) {
                if (g.getKey().startsWith(op.getKey() + "|")) {
                    BigDecimal[] v = g.getValue();
                    out.printf("%-60s %12s %12s %12s %10s %10s%n", g.getKey().replace('|', ' '), text(v[0]), text(v[2]),
                            text(v[1]), ratio(v[0], v[1]), ratio(v[2], v[1]));
                    first = first == null ? v : first;
                    last = v;
                }
            }
            if (first != last) {
                out.printf("%-60s %12s %12s %12s%n", op.getKey() + " growth, first to last parameters",
                        ratio(last[0], first[0]), ratio(last[2], first[2]), ratio(last[1], first[1]));
            }
        }
    }

    private static String text(BigDecimal v) {
        return v == null ? "-" : v.setScale(1, RoundingMode.HALF_UP).toPlainString();
    }

    private static String ratio(BigDecimal a, BigDecimal b) {
        return a == null || b == null || b.signum() == 0 ? "-"
                : a.divide(b, 2, RoundingMode.HALF_UP).toPlainString() + "x";
    }

    private static String round(String number, int places) {
        try {
            return new BigDecimal(number).setScale(places, RoundingMode.HALF_UP).toPlainString();
        } catch (NumberFormatException e) {
            return number;
        }
    }

    /** Splits one CSV line of JMH's output (fields quoted with {@code "}, no embedded quotes). */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ',' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
