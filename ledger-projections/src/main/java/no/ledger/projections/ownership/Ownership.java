package no.ledger.projections.ownership;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import no.ledger.core.company.OwnerKind;

/**
 * Who owns a company at a point in time: each owner's shares and share of all shares, totals by kind of owner,
 * and whether municipalities together hold more than half.
 */
public record Ownership(String company, String name, LocalDate foundedOn, LocalDate asOf, Instant knownAt,
                        long totalShares, List<OwnerShare> owners, Map<OwnerKind, KindTotal> totals,
                        boolean municipalMajority) {

    public record OwnerShare(String owner, OwnerKind kind, long shares, BigDecimal share) {
    }

    public record KindTotal(int owners, long shares, BigDecimal share) {
    }
}
