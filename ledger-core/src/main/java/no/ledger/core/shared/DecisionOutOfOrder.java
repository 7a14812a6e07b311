package no.ledger.core.shared;

import java.time.LocalDate;

/**
 * A decision is dated before a later-dated decision of the same kind already recorded for the same party, for
 * example a withdrawal dated before the signature it withdraws. Each line of decisions (a participation's
 * declaration, its agreement, its extensions; a company's share register) runs forward in time, so that the state
 * on any date is the fold of the decisions dated up to it. To put a decision before a later one, retract the later
 * one first.
 */
public final class DecisionOutOfOrder extends RuleViolation {

    public DecisionOutOfOrder(String line, LocalDate date, LocalDate latest, String field) {
        super("decisions-in-date-order", Kind.CONFLICT, field, "the " + line + " decision dated " + date
                + " would come before the one dated " + latest + " that is already recorded");
    }

    public static void check(String line, LocalDate latest, LocalDate date, String field) {
        if (latest != null && date.isBefore(latest)) {
            throw new DecisionOutOfOrder(line, date, latest, field);
        }
    }
}
