package io.github.loyaltyrules.program;

import io.github.loyaltyrules.ledger.PointCurrency;
import io.github.loyaltyrules.report.ProgramActivity;
import java.time.Instant;

/**
 * The program's report of a period ({@link LoyaltyProgram#activity}): the sums of the period's records
 * as the program store adds them up ({@link io.github.loyaltyrules.program.spi.ProgramStore#activity},
 * in SQL on JDBC), with the members enrolled as the ledger counts them.
 */
final class ProgramReports {

    private final ProgramContext context;

    ProgramReports(ProgramContext context) {
        this.context = context;
    }

    ProgramActivity activity(Instant from, Instant to) {
        long enrolled = enrolled(from, to); // first: the ledger checks the bounds
        ProgramActivity s = context.store.activity(from, to);
        return new ProgramActivity(from, to, enrolled, s.activeMembers(), s.participatingMembers(), s.purchases(),
                s.events(), s.returns(), s.rewards(), s.spend(), s.earned(), s.stores());
    }

    /** Members enrolled before {@code to}, as the ledger's store counts them for its own report. */
    private long enrolled(Instant from, Instant to) {
        PointCurrency any = context.ledger.currencies().values().iterator().next();
        return context.ledger.activity(any, from, to).enrolledMembers();
    }
}
