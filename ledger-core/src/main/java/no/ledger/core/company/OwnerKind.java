package no.ledger.core.company;

/** Kinds of owner of a joint company: municipalities, KS (their association), the state (HOD), and others. */
public enum OwnerKind {
    MUNICIPALITY,
    KS,
    STATE,
    /** Any other party, such as a health trust (Helse Midt-Norge RHF). */
    OTHER
}
