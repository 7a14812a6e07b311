package no.ledger.core.shared;

/** A command names a municipality that the ledger has not registered. */
public final class UnknownMunicipality extends RuleViolation {

    public UnknownMunicipality(String number, String field) {
        super("municipality-registered", Kind.NOT_FOUND, field, "municipality " + number + " is not registered");
    }
}
