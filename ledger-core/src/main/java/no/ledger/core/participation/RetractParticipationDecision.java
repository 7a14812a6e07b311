package no.ledger.core.participation;

import java.time.LocalDate;

public record RetractParticipationDecision(String programmeId, String number, String eventId, String reason,
                                           LocalDate retractedOn) implements ParticipationCommand {
}
