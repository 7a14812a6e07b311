package no.ledger.core.company;

import no.ledger.core.shared.RuleViolation;

/** Shares move only in a company that has been founded. */
public final class UnknownCompany extends RuleViolation {

    public UnknownCompany(String companyId) {
        super("company-founded", Kind.NOT_FOUND, "company", "company '" + companyId + "' is not founded");
    }
}
