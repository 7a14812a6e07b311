package no.ledger.core.retraction;

import java.time.LocalDate;

/**
 * Retract a mistaken decision, named by its event id: whatever party it concerns, the decision is voided for every
 * effective date from the moment the retraction is recorded. {@code retractedOn} is the date of the decision to
 * retract it.
 */
public record RetractDecision(String eventId, String reason, LocalDate retractedOn) {
}
