package no.ledger.core.company;

import java.time.LocalDate;
import java.util.List;

public record SharesIssued(String companyId, String owner, OwnerKind ownerKind, long shares, LocalDate issuedOn,
                           String reference) implements ShareDecision {

    @Override
    public LocalDate effectiveDate() {
        return issuedOn;
    }

    @Override
    public List<Owner> owners() {
        return List.of(new Owner(owner, ownerKind));
    }
}
