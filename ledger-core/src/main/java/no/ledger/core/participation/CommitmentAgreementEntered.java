package no.ledger.core.participation;

import java.time.LocalDate;

public record CommitmentAgreementEntered(String programmeId, String number, LocalDate enteredOn, String decisionReference) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return enteredOn;
    }
}
