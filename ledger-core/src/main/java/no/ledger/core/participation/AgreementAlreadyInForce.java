package no.ledger.core.participation;

import java.time.LocalDate;
import no.ledger.core.shared.RuleViolation;

/**
 * A municipality holds one agreement at a time: a new option or commitment needs none in force. An option in
 * force becomes a commitment by being exercised; after it lapses or expires, a new agreement can be entered.
 */
public final class AgreementAlreadyInForce extends RuleViolation {

    public AgreementAlreadyInForce(String number, AgreementStatus inForce, LocalDate on) {
        super("one-agreement-at-a-time", Kind.CONFLICT, null, "municipality " + number + " already has "
                + (inForce == AgreementStatus.OPTION ? "an option" : "a commitment") + " in force on " + on);
    }
}
