package no.ledger.projections.timeline;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The point a query looks from: the state in force at the end of day {@code asOf}, as the ledger knew it at
 * {@code knownAt}.
 */
public record AsOf(LocalDate asOf, Instant knownAt) {
}
