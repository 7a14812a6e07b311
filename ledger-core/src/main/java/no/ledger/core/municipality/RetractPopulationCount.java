package no.ledger.core.municipality;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetractPopulationCount(String number, String eventId, String reason, LocalDate retractedOn) {

    @TargetAggregateIdentifier
    public String municipalityId() {
        return Municipality.aggregateId(number);
    }
}
