package no.ledger.core.participation;

import java.time.LocalDate;

public record DeclarationSigned(String programmeId, String number, LocalDate signedOn, String decisionReference, String signatory) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return signedOn;
    }
}
