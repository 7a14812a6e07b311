package no.ledger.core.municipality;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Record the municipality's population (innbyggertall) as counted on a date, such as SSB's count on 1 January. */
public record RecordPopulationCount(String number, Long population, LocalDate countedOn, String reference) {

    @TargetAggregateIdentifier
    public String municipalityId() {
        return Municipality.aggregateId(number);
    }
}
