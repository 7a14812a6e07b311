package no.ledger.core.municipality;

import java.time.LocalDate;
import no.ledger.core.shared.LedgerEvent;

public record PopulationCounted(String number, long population, LocalDate countedOn, String reference)
        implements LedgerEvent {

    @Override
    public LocalDate effectiveDate() {
        return countedOn;
    }
}
