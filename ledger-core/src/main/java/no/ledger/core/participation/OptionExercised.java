package no.ledger.core.participation;

import java.time.LocalDate;

public record OptionExercised(String programmeId, String number, LocalDate exercisedOn, String decisionReference) implements ParticipationDecision {

    @Override
    public LocalDate effectiveDate() {
        return exercisedOn;
    }
}
