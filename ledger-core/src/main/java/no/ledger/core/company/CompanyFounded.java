package no.ledger.core.company;

import java.time.LocalDate;
import no.ledger.core.shared.LedgerEvent;

public record CompanyFounded(String companyId, String name, LocalDate foundedOn, String reference)
        implements LedgerEvent {

    @Override
    public LocalDate effectiveDate() {
        return foundedOn;
    }
}
