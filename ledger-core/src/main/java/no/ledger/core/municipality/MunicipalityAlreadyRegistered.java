package no.ledger.core.municipality;

import no.ledger.core.shared.RuleViolation;

/** A municipality number can be registered once. */
public final class MunicipalityAlreadyRegistered extends RuleViolation {

    public MunicipalityAlreadyRegistered(String number) {
        super("municipality-registered-once", Kind.CONFLICT, "number",
                "municipality " + number + " is already registered");
    }
}
