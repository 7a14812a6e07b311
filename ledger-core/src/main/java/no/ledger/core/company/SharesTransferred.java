package no.ledger.core.company;

import java.time.LocalDate;
import java.util.List;

public record SharesTransferred(String companyId, String from, OwnerKind fromKind, String to, OwnerKind toKind,
                                long shares, LocalDate transferredOn, String reference) implements ShareDecision {

    @Override
    public LocalDate effectiveDate() {
        return transferredOn;
    }

    @Override
    public List<Owner> owners() {
        return List.of(new Owner(from, fromKind), new Owner(to, toKind));
    }
}
