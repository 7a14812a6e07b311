package no.ledger.core.company;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Transfer shares from one owner to another; never more than the sender holds. */
public record TransferShares(String companyId, String from, String to, Long shares, LocalDate transferredOn,
                             String reference) {

    @TargetAggregateIdentifier
    public String aggregateId() {
        return Company.aggregateId(companyId);
    }
}
