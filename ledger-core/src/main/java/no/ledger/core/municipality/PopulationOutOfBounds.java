package no.ledger.core.municipality;

import no.ledger.core.shared.RuleViolation;

/**
 * A municipality's population is at most {@link #MAX_POPULATION}: more than ten times Norway's, and small enough
 * that the read models' sums over every municipality stay exact in a {@code long}.
 */
public final class PopulationOutOfBounds extends RuleViolation {

    public static final long MAX_POPULATION = 100_000_000L;

    public PopulationOutOfBounds(long population) {
        super("population-bounds", Kind.INVALID, "population",
                "a municipality's population is at most " + MAX_POPULATION + "; got " + population);
    }
}
