package no.ledger.core.participation;

import java.time.LocalDate;

/** Withdraw a signed declaration from a date on; the signature stays in the history. */
public record WithdrawDeclaration(String programmeId, String number, LocalDate withdrawnOn, String reason, String reference) implements ParticipationCommand {
}
