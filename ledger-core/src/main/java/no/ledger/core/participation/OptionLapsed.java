package no.ledger.core.participation;

import java.time.LocalDate;

public record OptionLapsed(String programmeId, String number, LocalDate lapsedOn, String reason, String reference) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return lapsedOn;
    }
}
