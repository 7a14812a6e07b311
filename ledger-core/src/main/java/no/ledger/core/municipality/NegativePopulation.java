package no.ledger.core.municipality;

import no.ledger.core.shared.RuleViolation;

/** A population count cannot be negative. */
public final class NegativePopulation extends RuleViolation {

    public NegativePopulation(long population) {
        super("population-non-negative", Kind.INVALID, "population",
                "a population count cannot be negative; got " + population);
    }
}
