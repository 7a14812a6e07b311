package no.ledger.core.participation;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/**
 * A declaration is signed on or before the deadline in force for the municipality: the programme's deadline
 * (Akson: 1 July 2020), or the later one of an extension granted to it (7 July 2020 for some).
 */
public final class DeclarationDeadlinePassed extends RuleViolation {

    public DeclarationDeadlinePassed(String number, LocalDate signedOn, LocalDate deadline) {
        super("sign-by-deadline", Kind.CONFLICT, "signedOn", "signed on " + signedOn
                + ", after the deadline in force for municipality " + number + " (" + deadline + ")");
    }
}
