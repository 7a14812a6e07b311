package no.ledger.core.municipality;

import java.time.LocalDate;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.LedgerEvent;

public record MunicipalityRegistered(String number, String name, String county, HealthRegion healthRegion,
                                     LocalDate registeredOn, String reference) implements LedgerEvent {

    @Override
    public LocalDate effectiveDate() {
        return registeredOn;
    }
}
