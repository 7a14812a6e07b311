package no.ledger.core.participation;

import no.ledger.core.shared.RuleViolation;

/**
 * Only an option that exists, has not expired, and has been neither exercised nor let lapse can be exercised (or
 * let lapse).
 */
public final class NoOptionInForce extends RuleViolation {

    public NoOptionInForce(String action, String number, String why) {
        super("option-in-force", Kind.CONFLICT, null, "municipality " + number + " has no option in force to "
                + action + ": " + why);
    }
}
