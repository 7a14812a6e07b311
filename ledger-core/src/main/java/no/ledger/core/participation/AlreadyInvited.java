package no.ledger.core.participation;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/** A municipality is invited to a programme once. */
public final class AlreadyInvited extends RuleViolation {

    public AlreadyInvited(String number, LocalDate invitedOn) {
        super("invited-once", Kind.CONFLICT, null, "municipality " + number + " was already invited on " + invitedOn);
    }
}
