package no.ledger.core.participation;

/** Where a municipality stands with a programme's declaration of intent. */
public enum DeclarationStatus {
    NOT_SIGNED,
    SIGNED,
    WITHDRAWN
}
