package no.ledger.core.participation;

import java.time.LocalDate;

/** Grant the municipality a later declaration deadline (Akson: some were given until 7 July 2020). */
public record GrantExtension(String programmeId, String number, LocalDate grantedOn, LocalDate newDeadline, String reason, String reference) implements ParticipationCommand {
}
