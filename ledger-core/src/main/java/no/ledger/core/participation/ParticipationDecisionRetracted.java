package no.ledger.core.participation;

import java.time.LocalDate;
import no.ledger.core.shared.DecisionRetraction;

public record ParticipationDecisionRetracted(String programmeId, String number, String retractedEventId,
                                             String reason, LocalDate retractedOn) implements DecisionRetraction {
}
