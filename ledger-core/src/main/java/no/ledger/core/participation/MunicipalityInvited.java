package no.ledger.core.participation;

import java.time.LocalDate;

public record MunicipalityInvited(String programmeId, String number, LocalDate invitedOn, String reference) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return invitedOn;
    }
}
