package no.ledger.core.participation;

import java.time.LocalDate;

public record DeclarationWithdrawn(String programmeId, String number, LocalDate withdrawnOn, String reason, String reference) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return withdrawnOn;
    }
}
