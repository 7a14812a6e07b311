package no.ledger.core.shared;

/**
 * Retracting a decision must leave the remaining decisions valid: a signature that was later withdrawn, or an
 * option that was later exercised, cannot be retracted on its own. Retract the later decision first.
 */
public final class RetractionBreaksLaterDecision extends RuleViolation {

    public RetractionBreaksLaterDecision(String eventId, RuleViolation broken) {
        super("retraction-keeps-later-decisions-valid", Kind.CONFLICT, "eventId", "retracting event " + eventId
                + " would leave a later decision invalid (" + broken.getMessage() + "); retract that one first");
    }
}
