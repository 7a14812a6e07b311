package no.ledger.projections.participants;

import no.ledger.core.shared.RuleViolation;

/** A query for a participant names a municipality that is unknown, or outside the programme's scope. */
public final class NotAParticipant extends RuleViolation {

    public NotAParticipant(String number, String programmeId) {
        super("participant-in-scope", Kind.NOT_FOUND, "number", "municipality " + number
                + " is not a registered municipality in the scope of programme '" + programmeId + "'");
    }
}
