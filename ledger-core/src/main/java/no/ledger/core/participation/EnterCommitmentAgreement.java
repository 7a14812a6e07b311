package no.ledger.core.participation;

import java.time.LocalDate;

/** Enter a binding commitment agreement (forpliktelsesavtale); open to signers and non-signers alike. */
public record EnterCommitmentAgreement(String programmeId, String number, LocalDate enteredOn, String decisionReference) implements ParticipationCommand {
}
