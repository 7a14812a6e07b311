package no.ledger.core.participation;

import java.time.LocalDate;

/** Sign the declaration of intent (intensjonserklæring): no purchase or financial obligation follows. */
public record SignDeclaration(String programmeId, String number, LocalDate signedOn, String decisionReference, String signatory) implements ParticipationCommand {
}
