package no.ledger.core.programme;

import java.math.BigDecimal;
import no.ledger.core.shared.InvalidInput;

/**
 * A programme's three thresholds, each a share of the in-scope population (innbyggertall) between 0 and 1:
 * declarations must cover <em>more than</em> {@code declaration}; commitments must cover <em>at least</em>
 * {@code commitment} to secure funding, and <em>at least</em> {@code procurement} before procurement (the external
 * quality assurance's alternative). For Akson: 0.50, 0.55 and 0.85.
 */
public record Thresholds(BigDecimal declaration, BigDecimal commitment, BigDecimal procurement) {

    /** Six decimals are a thousandth of a percent, finer than any threshold of the documents. */
    public static final int MAX_DECIMALS = 6;

    public Thresholds validated() {
        requireShare(declaration, "thresholds.declaration");
        requireShare(commitment, "thresholds.commitment");
        requireShare(procurement, "thresholds.procurement");
        return this;
    }

    /** Declarations meet the threshold when they cover strictly more than its share of the scope's population. */
    public boolean declarationMet(long coveredPopulation, long scopePopulation) {
        return scopePopulation > 0 && compare(coveredPopulation, declaration, scopePopulation) > 0;
    }

    /** Commitments meet the funding threshold when they cover at least its share. */
    public boolean commitmentMet(long coveredPopulation, long scopePopulation) {
        return scopePopulation > 0 && compare(coveredPopulation, commitment, scopePopulation) >= 0;
    }

    /** Commitments meet the procurement threshold when they cover at least its share. */
    public boolean procurementMet(long coveredPopulation, long scopePopulation) {
        return scopePopulation > 0 && compare(coveredPopulation, procurement, scopePopulation) >= 0;
    }

    /**
     * Whether the procurement threshold is within reach: commitments and the options in force together would meet
     * it, were every option exercised.
     */
    public boolean procurementWithinReach(long committedPopulation, long optionPopulation, long scopePopulation) {
        return procurementMet(Math.addExact(committedPopulation, optionPopulation), scopePopulation);
    }

    /** Exact comparison of covered / scope with the threshold, without rounding the share. */
    private static int compare(long covered, BigDecimal threshold, long scope) {
        return BigDecimal.valueOf(covered).compareTo(threshold.multiply(BigDecimal.valueOf(scope)));
    }

    private static void requireShare(BigDecimal value, String field) {
        InvalidInput.require(value, field);
        if (value.signum() <= 0 || value.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidInput("threshold-share", field,
                    field + " is a share of the population: more than 0 and at most 1; got " + value);
        }
        if (value.stripTrailingZeros().scale() > MAX_DECIMALS) {
            throw new InvalidInput("threshold-decimals", field,
                    field + " has at most " + MAX_DECIMALS + " decimals; got " + value);
        }
    }
}
