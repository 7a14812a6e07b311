package no.ledger.projections.coverage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import no.ledger.core.shared.HealthRegion;

/**
 * How much of a programme's in-scope population has signed, committed, or holds an option, at a point in time,
 * and whether the programme's thresholds are met; overall and per health region.
 */
public record Coverage(String programme, LocalDate asOf, Instant knownAt, Scope scope, Count declarations,
                       Count commitments, Count options, Count procurement, Map<HealthRegion, RegionCoverage> byRegion) {

    public record Scope(int municipalities, long population) {
    }

    /**
     * Municipalities and the population they cover, their share of the scope's population (four decimals), the
     * threshold that applies, and whether it is met (computed exactly, not from the rounded share).
     */
    public record Count(int municipalities, long population, BigDecimal share, BigDecimal threshold,
                        boolean thresholdMet) {
    }

    public record RegionCoverage(Scope scope, Count declarations, Count commitments, Count options,
                                 Count procurement) {
    }
}
