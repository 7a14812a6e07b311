package no.ledger.core.participation;

import java.time.LocalDate;

public record OptionAgreementEntered(String programmeId, String number, LocalDate enteredOn, String decisionReference, LocalDate expiresOn) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return enteredOn;
    }
}
