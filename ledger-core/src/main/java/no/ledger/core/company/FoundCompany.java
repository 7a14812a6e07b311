package no.ledger.core.company;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Found a joint company, such as Akson journal AS or Helseplattformen AS. */
public record FoundCompany(String companyId, String name, LocalDate foundedOn, String reference) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Company.aggregateId(companyId);
    }
}
