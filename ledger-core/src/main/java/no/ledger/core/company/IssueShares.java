package no.ledger.core.company;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Issue new shares to an owner, for example to a municipality joining the company. */
public record IssueShares(String companyId, String owner, Long shares, LocalDate issuedOn, String reference) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Company.aggregateId(companyId);
    }
}
