package no.ledger.core.shared;

/**
 * Only decisions can be retracted. The events that establish a party (a municipality's registration, a programme's
 * definition, a company's founding) and retractions themselves are permanent.
 */
public final class DecisionNotRetractable extends RuleViolation {

    public DecisionNotRetractable(String eventId) {
        super("only-decisions-retractable", Kind.CONFLICT, "eventId", "event " + eventId
                + " is not a decision: registrations, definitions, foundings and retractions cannot be retracted");
    }
}
