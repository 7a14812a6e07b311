package no.ledger.core.municipality;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Register a municipality with its number, name, county and health region. {@code registeredOn} is the date from
 * which the ledger knows the municipality in this form (1 January 2020 for the reference data).
 */
public record RegisterMunicipality(String number, String name, String county, String healthRegion,
                                   LocalDate registeredOn, String reference) {

    @TargetAggregateIdentifier
    public String municipalityId() {
        return Municipality.aggregateId(number);
    }
}
