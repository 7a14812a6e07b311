package no.ledger.core.programme;

import java.time.LocalDate;
import java.util.List;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.LedgerEvent;

public record ProgrammeDefined(String programmeId, String name, List<HealthRegion> scopeRegions,
                               LocalDate declarationDeadline, Thresholds thresholds, LocalDate definedOn,
                               String reference) implements LedgerEvent {

    @Override
    public LocalDate effectiveDate() {
        return definedOn;
    }
}
