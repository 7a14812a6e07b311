package no.ledger.core.participation;

/** The agreement in force: none, an option (the right to join), or a commitment (binding). */
public enum AgreementStatus {
    NONE,
    OPTION,
    COMMITMENT
}
