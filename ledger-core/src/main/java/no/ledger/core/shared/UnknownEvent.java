package no.ledger.core.shared;

/** A retraction names an event that the ledger has not recorded (for that party). */
public final class UnknownEvent extends RuleViolation {

    public UnknownEvent(String eventId) {
        super("event-recorded", Kind.NOT_FOUND, "eventId", "no recorded event has id " + eventId);
    }
}
