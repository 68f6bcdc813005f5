package io.github.loyaltyrules.report;

import io.github.loyaltyrules.ledger.PointCurrency;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Reports as a table of text cells, for printing ({@link #text()}: aligned columns) or for a
 * spreadsheet ({@link #csv()}: RFC 4180). Amounts are shown in the currency's decimal places
 * ({@code 12.50} for 1,250 minor units of a two-place currency), rates in per cent, times in a zone
 * (a date for midnight). Immutable.
 *
 * <pre>{@code
 * List<ActivityReport> months = ledger.activityByMonth(pts, YearMonth.of(2026, 1), YearMonth.of(2026, 12));
 * System.out.print(ReportTable.activity(months, ledger.zone()).text());
 * Files.writeString(Path.of("activity.csv"), ReportTable.activity(months, ledger.zone()).csv());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ReportTable {

    private static final String[] ACTIVITY_COLUMNS = {"currency", "from", "to", "opening", "earned", "redeemed",
        "expired", "adjusted credit", "adjusted debit", "reversal credit", "reversal debit", "transferred in",
        "transferred out", "debt settled", "closing", "breakage", "redemption", "enrolled", "active", "holding"};
    private static final String[] LIABILITY_COLUMNS = {"currency", "as of", "outstanding", "pending", "overdue",
        "never expires", "expiry held", "holders", "debt"};
    private static final String[] EXPIRY_COLUMNS = {"currency", "expires", "points"};
    private static final String[] PROGRAM_COLUMNS = {"from", "to", "enrolled", "active", "participating",
        "participation", "purchases", "events", "returns", "rewards"};
    private static final String[] SPEND_COLUMNS = {"from", "to", "currency", "spend", "average per member"};

    private final List<String> columns;
    private final List<List<String>> rows;

    private ReportTable(List<String> columns, List<List<String>> rows) {
        this.columns = columns;
        this.rows = rows;
    }

    /**
     * Returns a table of the given cells.
     *
     * @param columns the column headings
     * @param rows the rows, each with one cell per column
     * @return the table
     * @throws NullPointerException if a list, a heading or a cell is null
     * @throws IllegalArgumentException if there are no columns, or a row has another number of cells
     */
    public static ReportTable of(List<String> columns, List<List<String>> rows) {
        List<String> heads = List.copyOf(columns);
        if (heads.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        List<List<String>> copied = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            List<String> cells = List.copyOf(row);
            if (cells.size() != heads.size()) {
                throw new IllegalArgumentException("every row of the table needs " + heads.size() + " cells; got "
                        + cells.size());
            }
            copied.add(cells);
        }
        return new ReportTable(heads, List.copyOf(copied));
    }

    /**
     * Returns activity reports as a table, one row per report: the period, the opening liability,
     * what moved it (earned, redeemed, expired, adjusted, reversed, transferred, settling debt) and
     * the closing liability, so that each row adds up; then the breakage and redemption rates and the
     * member counts.
     *
     * @param reports the reports, e.g. one per month
     * @param zone the zone to show the periods' bounds in
     * @return the table
     * @throws NullPointerException if an argument or a report is null
     */
    public static ReportTable activity(List<ActivityReport> reports, ZoneId zone) {
        Objects.requireNonNull(zone, "zone must not be null");
        return build(ACTIVITY_COLUMNS, reports, r -> {
            PointCurrency c = r.currency();
            return List.of(c.code(), time(r.from(), zone), time(r.to(), zone), amount(c, r.openingLiability()),
                    amount(c, r.earned()), amount(c, r.redeemed()), amount(c, r.expired()), amount(c, r.adjustedCredit()),
                    amount(c, r.adjustedDebit()), amount(c, r.reversalCredit()), amount(c, r.reversalDebit()),
                    amount(c, r.transferredIn()), amount(c, r.transferredOut()), amount(c, r.debtSettled()),
                    amount(c, r.closingLiability()), r.breakageRate().toString(), r.redemptionRate().toString(),
                    count(r.enrolledMembers()), count(r.activeMembers()), count(r.holdingMembers()));
        });
    }

    /**
     * Returns liability reports as a table, one row per report: what is outstanding, pending,
     * overdue for the sweep, never expiring and held from expiring (its member's expiry is held),
     * the members holding points and the debt.
     *
     * @param reports the reports, e.g. one per currency
     * @return the table
     * @throws NullPointerException if the list or a report is null
     */
    public static ReportTable liability(List<LiabilityReport> reports) {
        return build(LIABILITY_COLUMNS, reports, r -> {
            PointCurrency c = r.currency();
            return List.of(c.code(), time(r.asOf(), r.zone()), amount(c, r.outstanding()), amount(c, r.pending()),
                    amount(c, r.overdue()), amount(c, r.neverExpires()), amount(c, r.expiryHeld()),
                    count(r.holders()), amount(c, r.debt()));
        });
    }

    /**
     * Returns the expiry profile of liability reports as a table, one row per currency and bucket:
     * {@code overdue} (past its date, waiting for the sweep), each month with points expiring in it
     * ({@code 2026-09}), {@code held} (expiring on no date while its member's expiry is held), then
     * {@code never}.
     *
     * @param reports the reports, e.g. one per currency
     * @return the table
     * @throws NullPointerException if the list or a report is null
     */
    public static ReportTable expiryMonths(List<LiabilityReport> reports) {
        List<List<String>> rows = new ArrayList<>();
        for (LiabilityReport r : reports) {
            PointCurrency c = Objects.requireNonNull(r, "report must not be null").currency();
            rows.add(List.of(c.code(), "overdue", amount(c, r.overdue())));
            for (Map.Entry<YearMonth, Long> m : r.byExpiryMonth().entrySet()) {
                rows.add(List.of(c.code(), m.getKey().toString(), amount(c, m.getValue())));
            }
            rows.add(List.of(c.code(), "held", amount(c, r.expiryHeld())));
            rows.add(List.of(c.code(), "never", amount(c, r.neverExpires())));
        }
        return new ReportTable(List.of(EXPIRY_COLUMNS), List.copyOf(rows));
    }

    /**
     * Returns program activity reports as a table, one row per report: the period, the members
     * enrolled, active and participating (with the participation rate), and the purchases, events,
     * returns and reward redemptions recorded.
     *
     * @param reports the reports, e.g. one per month
     * @param zone the zone to show the periods' bounds in
     * @return the table
     * @throws NullPointerException if an argument or a report is null
     */
    public static ReportTable program(List<ProgramActivity> reports, ZoneId zone) {
        Objects.requireNonNull(zone, "zone must not be null");
        return build(PROGRAM_COLUMNS, reports, r -> List.of(time(r.from(), zone), time(r.to(), zone),
                count(r.enrolledMembers()), count(r.activeMembers()), count(r.participatingMembers()),
                r.participationRate().toString(), count(r.purchases()), count(r.events()), count(r.returns()),
                count(r.rewards())));
    }

    /**
     * Returns the spend of program activity reports as a table, one row per report and money
     * currency: the spend before returns and the average spend per participating member.
     *
     * @param reports the reports, e.g. one per month
     * @param zone the zone to show the periods' bounds in
     * @return the table
     * @throws NullPointerException if an argument or a report is null
     */
    public static ReportTable spend(List<ProgramActivity> reports, ZoneId zone) {
        Objects.requireNonNull(zone, "zone must not be null");
        List<List<String>> rows = new ArrayList<>();
        for (ProgramActivity r : reports) {
            Objects.requireNonNull(r, "report must not be null");
            for (Map.Entry<String, BigDecimal> e : r.spend().entrySet()) {
                rows.add(List.of(time(r.from(), zone), time(r.to(), zone), e.getKey(), e.getValue().toPlainString(),
                        r.averageSpend(e.getKey()).map(BigDecimal::toPlainString).orElse("n/a")));
            }
        }
        return new ReportTable(List.of(SPEND_COLUMNS), List.copyOf(rows));
    }

    /**
     * Returns a period's figures per store as a table, one row per store: the purchases, the members
     * who made them, the spend (one {@code amount code} per money currency, joined by {@code "; "}),
     * then the points earned and returned in each of the given currencies.
     *
     * @param report the program's activity over the period
     * @param currencies the point currencies to show, in column order
     * @return the table
     * @throws NullPointerException if an argument or a currency is null
     */
    public static ReportTable stores(ProgramActivity report, List<PointCurrency> currencies) {
        List<String> heads = new ArrayList<>(List.of("store", "purchases", "members", "spend"));
        for (PointCurrency c : currencies) {
            heads.add("earned " + c.code());
            heads.add("returned " + c.code());
        }
        List<List<String>> rows = new ArrayList<>();
        for (StoreActivity s : report.stores()) {
            List<String> row = new ArrayList<>(List.of(s.store(), count(s.purchases()), count(s.members())));
            StringBuilder spend = new StringBuilder();
            for (Map.Entry<String, BigDecimal> e : s.spend().entrySet()) {
                spend.append(spend.length() == 0 ? "" : "; ").append(e.getValue().toPlainString()).append(' ')
                        .append(e.getKey());
            }
            row.add(spend.toString());
            for (PointCurrency c : currencies) {
                row.add(amount(c, s.earned().getOrDefault(c.code(), 0L)));
                row.add(amount(c, s.returned().getOrDefault(c.code(), 0L)));
            }
            rows.add(List.copyOf(row));
        }
        return new ReportTable(List.copyOf(heads), List.copyOf(rows));
    }

    /**
     * Returns a tier report's distribution as a table, one row per tier in ladder order: the
     * members showing it at the end of the period.
     *
     * @param report the report
     * @return the table
     * @throws NullPointerException if {@code report} is null
     */
    public static ReportTable tiers(TierReport report) {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<String, Long> e : report.members().entrySet()) {
            rows.add(List.of(e.getKey(), count(e.getValue())));
        }
        return new ReportTable(List.of("tier", "members"), List.copyOf(rows));
    }

    /**
     * Returns a tier report's movements as a table, one row per pair of tiers: from, to, up or down,
     * and how many changes the period had.
     *
     * @param report the report
     * @return the table
     * @throws NullPointerException if {@code report} is null
     */
    public static ReportTable tierMovements(TierReport report) {
        return build(new String[] {"from", "to", "direction", "changes"}, report.movements(),
                m -> List.of(m.from(), m.to(), m.upgrade() ? "up" : "down", count(m.changes())));
    }

    private static <R> ReportTable build(String[] columns, List<R> reports, Function<R, List<String>> row) {
        List<List<String>> rows = new ArrayList<>(reports.size());
        for (R r : reports) {
            rows.add(row.apply(Objects.requireNonNull(r, "report must not be null")));
        }
        return new ReportTable(List.of(columns), List.copyOf(rows));
    }

    private static String amount(PointCurrency currency, long minorUnits) {
        return BigDecimal.valueOf(minorUnits, currency.decimalPlaces()).toPlainString();
    }

    private static String count(long n) {
        return Long.toString(n);
    }

    /** A time in a zone: its date at midnight, else the date and time. */
    private static String time(Instant at, ZoneId zone) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return local.toLocalTime().equals(LocalTime.MIDNIGHT) ? local.toLocalDate().toString()
                : local.toString().replace('T', ' ');
    }

    /**
     * Returns the column headings.
     *
     * @return an unmodifiable list
     */
    public List<String> columns() {
        return columns;
    }

    /**
     * Returns the rows, each with one cell per column.
     *
     * @return an unmodifiable list of unmodifiable lists
     */
    public List<List<String>> rows() {
        return rows;
    }

    /**
     * Returns the table turned on its side: the first column's headings and cells become the
     * headings, and each other column a row headed by its heading. A report with a few rows and many
     * columns (a period's activity) reads better this way.
     *
     * @return the transposed table
     */
    public ReportTable transposed() {
        List<String> heads = new ArrayList<>(rows.size() + 1);
        heads.add(columns.get(0));
        for (List<String> row : rows) {
            heads.add(row.get(0));
        }
        List<List<String>> turned = new ArrayList<>(columns.size() - 1);
        for (int c = 1; c < columns.size(); c++) {
            List<String> row = new ArrayList<>(rows.size() + 1);
            row.add(columns.get(c));
            for (List<String> r : rows) {
                row.add(r.get(c));
            }
            turned.add(List.copyOf(row));
        }
        return new ReportTable(List.copyOf(heads), List.copyOf(turned));
    }

    /**
     * Renders the table as aligned text: the headings, a rule, then the rows, columns two spaces
     * apart; a number (an amount, a count, a rate or {@code n/a}) is aligned right, other text left,
     * and a heading right if its column holds a number. Line breaks and tabs within a cell are shown
     * as spaces. Every line ends with {@code \n}.
     *
     * @return the text
     */
    public String text() {
        int n = columns.size();
        int[] width = new int[n];
        boolean[] right = new boolean[n];
        for (int c = 0; c < n; c++) {
            width[c] = flat(columns.get(c)).length();
            for (List<String> row : rows) {
                String cell = flat(row.get(c));
                width[c] = Math.max(width[c], cell.length());
                right[c] |= numeric(cell);
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, columns, width, right);
        List<String> rule = new ArrayList<>(n);
        for (int c = 0; c < n; c++) {
            rule.add("-".repeat(width[c]));
        }
        line(sb, rule, width, right);
        for (List<String> row : rows) {
            line(sb, row, width, null);
        }
        return sb.toString();
    }

    /** One line of cells; {@code right} says which to align right, or null to align the numbers right. */
    private static void line(StringBuilder sb, List<String> cells, int[] width, boolean[] right) {
        int start = sb.length();
        for (int c = 0; c < cells.size(); c++) {
            String cell = flat(cells.get(c));
            String pad = " ".repeat(width[c] - cell.length());
            if (c > 0) {
                sb.append("  ");
            }
            sb.append((right == null ? numeric(cell) : right[c]) ? pad + cell : cell + pad);
        }
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    private static String flat(String cell) {
        return cell.replace('\r', ' ').replace('\n', ' ').replace('\t', ' ');
    }

    private static boolean numeric(String cell) {
        return cell.equals("n/a") || cell.matches("-?[0-9]+(\\.[0-9]+)?%?");
    }

    /**
     * Renders the table as comma-separated values by RFC 4180: the headings, then the rows, each
     * line ending with CRLF; a cell that holds a comma, a double quote, a CR or an LF is put in
     * double quotes, with each double quote in it doubled.
     *
     * @return the CSV text
     */
    public String csv() {
        StringBuilder sb = new StringBuilder();
        csvLine(sb, columns);
        for (List<String> row : rows) {
            csvLine(sb, row);
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int c = 0; c < cells.size(); c++) {
            if (c > 0) {
                sb.append(',');
            }
            String cell = cells.get(c);
            if (cell.indexOf(',') >= 0 || cell.indexOf('"') >= 0 || cell.indexOf('\r') >= 0 || cell.indexOf('\n') >= 0) {
                sb.append('"').append(cell.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(cell);
            }
        }
        sb.append("\r\n");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReportTable t && columns.equals(t.columns) && rows.equals(t.rows);
    }

    @Override
    public int hashCode() {
        return 31 * columns.hashCode() + rows.hashCode();
    }

    /**
     * Returns {@link #text()}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return text();
    }
}
