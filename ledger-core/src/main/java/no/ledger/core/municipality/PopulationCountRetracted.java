package no.ledger.core.municipality;

import java.time.LocalDate;
import no.ledger.core.shared.DecisionRetraction;

public record PopulationCountRetracted(String number, String retractedEventId, String reason, LocalDate retractedOn)
        implements DecisionRetraction {
}
