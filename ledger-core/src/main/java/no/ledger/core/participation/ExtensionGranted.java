package no.ledger.core.participation;

import java.time.LocalDate;

public record ExtensionGranted(String programmeId, String number, LocalDate grantedOn, LocalDate newDeadline, String reason, String reference) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return grantedOn;
    }
}
