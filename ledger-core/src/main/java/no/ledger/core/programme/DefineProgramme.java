package no.ledger.core.programme;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Define a national programme with the health regions in its scope, its declaration deadline and thresholds. */
public record DefineProgramme(String programmeId, String name, List<String> scopeRegions,
                              LocalDate declarationDeadline, Thresholds thresholds, LocalDate definedOn,
                              String reference) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Programme.aggregateId(programmeId);
    }
}
