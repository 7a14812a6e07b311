package no.ledger.core.participation;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/** An extension moves the deadline in force to a later date. */
public final class ExtensionNotLater extends RuleViolation {

    public ExtensionNotLater(LocalDate newDeadline, LocalDate deadlineInForce) {
        super("extension-later-than-deadline", Kind.CONFLICT, "newDeadline", "the new deadline " + newDeadline
                + " is not later than the deadline in force (" + deadlineInForce + ")");
    }
}
