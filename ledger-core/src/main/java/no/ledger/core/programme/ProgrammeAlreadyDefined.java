package no.ledger.core.programme;

import no.ledger.core.shared.RuleViolation;

/** A programme id is defined once. */
public final class ProgrammeAlreadyDefined extends RuleViolation {

    public ProgrammeAlreadyDefined(String programmeId) {
        super("programme-defined-once", Kind.CONFLICT, "id", "programme '" + programmeId + "' is already defined");
    }
}
