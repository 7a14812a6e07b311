package no.ledger.core.shared;

/** A command names a programme that the ledger has not defined. */
public final class UnknownProgramme extends RuleViolation {

    public UnknownProgramme(String programmeId) {
        super("programme-defined", Kind.NOT_FOUND, "programme", "programme '" + programmeId + "' is not defined");
    }
}
