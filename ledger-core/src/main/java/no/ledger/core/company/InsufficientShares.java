package no.ledger.core.company;

import no.ledger.core.shared.RuleViolation;

/** An owner cannot transfer more shares than it holds. */
public final class InsufficientShares extends RuleViolation {

    public InsufficientShares(String owner, long holds, long requested) {
        super("transfer-at-most-holding", Kind.CONFLICT, "shares", "owner " + owner + " holds " + holds
                + " shares and cannot transfer " + requested);
    }
}
