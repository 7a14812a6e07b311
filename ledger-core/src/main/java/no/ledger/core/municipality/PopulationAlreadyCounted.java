package no.ledger.core.municipality;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/** A municipality has one population count per date; to correct one, retract it and record the right figure. */
public final class PopulationAlreadyCounted extends RuleViolation {

    public PopulationAlreadyCounted(String number, LocalDate countedOn, long recorded) {
        super("one-population-count-per-date", Kind.CONFLICT, "countedOn", "municipality " + number
                + " already has a population count for " + countedOn + " (" + recorded
                + "); retract it first to record another");
    }
}
