package no.ledger.core.participation;

import java.time.LocalDate;

/** Invite an in-scope municipality to sign the programme's declaration of intent (Akson: HOD's letter 20/1554 of 24 April 2020). */
public record InviteMunicipality(String programmeId, String number, LocalDate invitedOn, String reference) implements ParticipationCommand {
}
