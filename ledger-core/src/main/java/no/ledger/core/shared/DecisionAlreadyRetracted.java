package no.ledger.core.shared;

/** A decision is retracted once; to take it again, record it anew. */
public final class DecisionAlreadyRetracted extends RuleViolation {

    public DecisionAlreadyRetracted(String eventId) {
        super("retract-once", Kind.CONFLICT, "eventId", "event " + eventId + " is already retracted");
    }
}
