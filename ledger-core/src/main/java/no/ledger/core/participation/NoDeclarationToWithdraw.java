package no.ledger.core.participation;

import no.ledger.core.shared.RuleViolation;

/** Only a signed declaration in force can be withdrawn. */
public final class NoDeclarationToWithdraw extends RuleViolation {

    public NoDeclarationToWithdraw(String number, DeclarationStatus status) {
        super("withdraw-signed-declaration", Kind.CONFLICT, null, "municipality " + number
                + " has no signed declaration to withdraw (it is " + status + ")");
    }
}
