package no.ledger.core.company;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RetractShareDecision(String companyId, String eventId, String reason, LocalDate retractedOn) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Company.aggregateId(companyId);
    }
}
