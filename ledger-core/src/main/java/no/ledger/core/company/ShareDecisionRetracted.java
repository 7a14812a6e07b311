package no.ledger.core.company;

import java.time.LocalDate;
import no.ledger.core.shared.DecisionRetraction;

public record ShareDecisionRetracted(String companyId, String retractedEventId, String reason,
                                     LocalDate retractedOn) implements DecisionRetraction {
}
