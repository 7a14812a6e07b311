package no.ledger.core.participation;

import java.time.LocalDate;

/** Enter an option agreement (opsjonsavtale): the right to join later; {@code expiresOn} is optional. */
public record EnterOptionAgreement(String programmeId, String number, LocalDate enteredOn, String decisionReference, LocalDate expiresOn) implements ParticipationCommand {
}
