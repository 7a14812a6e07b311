package no.ledger.core.company;

import no.ledger.core.shared.RuleViolation;

/** A company id is founded once. */
public final class CompanyAlreadyFounded extends RuleViolation {

    public CompanyAlreadyFounded(String companyId) {
        super("company-founded-once", Kind.CONFLICT, "id", "company '" + companyId + "' is already founded");
    }
}
