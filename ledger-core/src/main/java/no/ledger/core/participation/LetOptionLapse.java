package no.ledger.core.participation;

import java.time.LocalDate;

/** Let an option in force lapse unexercised from a date on. */
public record LetOptionLapse(String programmeId, String number, LocalDate lapsedOn, String reason, String reference) implements ParticipationCommand {
}
