package no.ledger.projections.ownership;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import no.ledger.core.company.OwnerKind;
import no.ledger.core.company.UnknownCompany;
import no.ledger.projections.Shares;
import no.ledger.projections.ownership.Ownership.KindTotal;
import no.ledger.projections.ownership.Ownership.OwnerShare;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** A company's owners at any point in time: one lookup of the holdings that cover it. */
@Component
public class OwnershipQueries {

    private final JdbcTemplate jdbc;

    public OwnershipQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    private record CompanyInfo(String name, LocalDate foundedOn) {
    }

    public Ownership ownership(String companyId, AsOf at) {
        Object knownAt = TimeBounds.utc(at.knownAt());
        CompanyInfo company = jdbc.query("SELECT name, founded_on FROM company_view WHERE company_id = ?"
                                + " AND recorded_at <= ?",
                        (row, index) -> new CompanyInfo(row.getString("name"),
                                row.getObject("founded_on", LocalDate.class)), companyId, knownAt)
                .stream().findFirst().orElseThrow(() -> new UnknownCompany(companyId));
        List<OwnershipTimeline.Holding> holdings = jdbc.query("SELECT owner, owner_kind, shares"
                        + " FROM ownership_timeline WHERE company_id = ? AND recorded_to > ? AND recorded_from <= ?"
                        + " AND valid_from <= ? AND valid_to > ?",
                (row, index) -> new OwnershipTimeline.Holding(row.getString("owner"),
                        OwnerKind.valueOf(row.getString("owner_kind")), row.getLong("shares")),
                companyId, knownAt, knownAt, at.asOf(), at.asOf());
        // Summed exactly: an overflow fails the query rather than showing a wrapped, negative figure.
        long total = holdings.stream().mapToLong(OwnershipTimeline.Holding::shares).reduce(0L, Math::addExact);
        List<OwnerShare> owners = holdings.stream()
                .map(holding -> new OwnerShare(holding.owner(), holding.kind(), holding.shares(),
                        Shares.of(holding.shares(), total)))
                .sorted(Comparator.comparingLong(OwnerShare::shares).reversed().thenComparing(OwnerShare::owner))
                .toList();
        Map<OwnerKind, KindTotal> totals = new EnumMap<>(OwnerKind.class);
        for (OwnerKind kind : OwnerKind.values()) {
            List<OwnerShare> ofKind = owners.stream().filter(owner -> owner.kind() == kind).toList();
            long shares = ofKind.stream().mapToLong(OwnerShare::shares).reduce(0L, Math::addExact);
            totals.put(kind, new KindTotal(ofKind.size(), shares, Shares.of(shares, total)));
        }
        long municipal = totals.get(OwnerKind.MUNICIPALITY).shares();
        boolean municipalMajority = municipal > total - municipal;
        return new Ownership(companyId, company.name(), company.foundedOn(), at.asOf(), at.knownAt(), total, owners,
                totals, municipalMajority);
    }
}
