package io.github.loyaltyrules.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * Core's packages depend one way, read from the compiled classes by the JDK's {@code jdeps}: the
 * ledger (with expiry, and the ledger's reports, which its stores compute) at the bottom, rules and tiers above it, the program on top; no package
 * depends on one above it, and packages form no cycle except the two groups still to be broken
 * (issue 22: they need a base package for what every package uses). A new upward dependency or a
 * new cycle fails here, naming the edge.
 */
class PackageDependenciesTest {

    private static final String ROOT = "io.github.loyaltyrules.";

    /** The layer of each package: a package may depend on its own layer's packages and lower ones only. */
    private static final Map<String, Integer> LAYERS = Map.ofEntries(
            Map.entry("ledger", 0), Map.entry("ledger.spi", 0), Map.entry("ledger.internal", 0), Map.entry("expiry", 0),
            Map.entry("report", 0), Map.entry("report.internal", 0),
            Map.entry("rule", 1), Map.entry("rule.internal", 1), Map.entry("tier", 1), Map.entry("tier.spi", 1),
            Map.entry("engagement", 1),
            Map.entry("program", 2), Map.entry("program.spi", 2), Map.entry("feed", 2), Map.entry("engagement.spi", 2));

    /** Cycles that remain (each a set of packages that depend on each other); none may grow, none may be added. */
    private static final List<Set<String>> KNOWN_CYCLES = List.of(
            Set.of("ledger", "ledger.spi", "ledger.internal", "expiry", "report", "report.internal"),
            Set.of("rule", "rule.internal"),
            Set.of("tier", "tier.spi"));

    @Test
    void packagesDependOneWayAndFormNoNewCycle() {
        Map<String, Set<String>> edges = dependencies();
        assertThat(edges.keySet()).as("packages of core").containsExactlyInAnyOrderElementsOf(LAYERS.keySet());
        List<String> upward = new ArrayList<>();
        for (Map.Entry<String, Set<String>> e : edges.entrySet()) {
            for (String to : e.getValue()) {
                if (LAYERS.get(to) > LAYERS.get(e.getKey())) {
                    upward.add(e.getKey() + " -> " + to);
                }
            }
        }
        assertThat(upward).as("dependencies on a higher layer").isEmpty();
        for (Set<String> cycle : cycles(edges)) {
            assertThat(KNOWN_CYCLES.stream().anyMatch(k -> k.containsAll(cycle)))
                    .as("packages %s depend on each other, a cycle not among the known ones %s", cycle, KNOWN_CYCLES)
                    .isTrue();
        }
    }

    /** Package -> the core packages it uses, from jdeps over the compiled classes. */
    private static Map<String, Set<String>> dependencies() {
        Path classes = Path.of("target", "classes");
        assertThat(Files.isDirectory(classes)).as("compiled classes at %s", classes.toAbsolutePath()).isTrue();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "-verbose:package",
                "-filter:none", classes.toString());
        assertThat(status).as("jdeps exit status").isZero();
        Map<String, Set<String>> edges = new TreeMap<>();
        for (String line : out.toString().split("\n")) {
            if (!line.startsWith(" ")) {
                continue; // a module's line; its packages' lines are indented
            }
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[1].equals("->") && f[0].startsWith(ROOT)) {
                String from = f[0].substring(ROOT.length());
                Set<String> to = edges.computeIfAbsent(from, k -> new TreeSet<>());
                if (f[2].startsWith(ROOT) && !f[2].equals(f[0])) {
                    to.add(f[2].substring(ROOT.length()));
                }
            }
        }
        return edges;
    }

    /** The strongly connected groups of two or more packages (Tarjan). */
    private static List<Set<String>> cycles(Map<String, Set<String>> edges) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        List<Set<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String v : edges.keySet()) {
            if (!index.containsKey(v)) {
                connect(v, edges, index, low, stack, out, counter);
            }
        }
        return out;
    }

    private static void connect(String v, Map<String, Set<String>> edges, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, List<Set<String>> out, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        for (String w : edges.getOrDefault(v, Set.of())) {
            if (!index.containsKey(w)) {
                connect(w, edges, index, low, stack, out, counter);
                low.put(v, Math.min(low.get(v), low.get(w)));
            } else if (stack.contains(w)) {
                low.put(v, Math.min(low.get(v), index.get(w)));
            }
        }
        if (low.get(v).equals(index.get(v))) {
            Set<String> group = new TreeSet<>();
            String w;
            do {
                w = stack.pop();
                group.add(w);
            } while (!w.equals(v));
            if (group.size() > 1) {
                out.add(group);
            }
        }
    }
}
