package no.ledger.core.participation;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/** A declaration in force cannot be signed again; after a withdrawal it can. */
public final class DeclarationAlreadySigned extends RuleViolation {

    public DeclarationAlreadySigned(String number, LocalDate signedOn) {
        super("sign-once", Kind.CONFLICT, null, "municipality " + number + " already signed the declaration on "
                + signedOn);
    }
}
