package no.ledger.projections.ownership;

import java.time.LocalDate;
import java.util.List;
import no.ledger.projections.listing.Page;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The companies as a listing: those the ledger knew at {@code knownAt} and founded by {@code asOf}, by id, with
 * the number of shares issued and held on {@code asOf}.
 */
@Component
public class CompanyQueries {

    private final JdbcTemplate jdbc;

    public CompanyQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record CompanyListing(String id, String name, LocalDate foundedOn, long totalShares) {
    }

    public Page<CompanyListing> companies(AsOf at, String after, int limit) {
        Object knownAt = TimeBounds.utc(at.knownAt());
        List<CompanyListing> rows = jdbc.query("SELECT c.company_id, c.name, c.founded_on,"
                        + " (SELECT COALESCE(SUM(o.shares), 0) FROM ownership_timeline o"
                        + "   WHERE o.company_id = c.company_id AND o.recorded_to > ? AND o.recorded_from <= ?"
                        + "   AND o.valid_from <= ? AND o.valid_to > ?)"
                        + " AS total_shares"
                        + " FROM company_view c WHERE c.recorded_at <= ? AND c.founded_on <= ? AND c.company_id > ?"
                        + " ORDER BY c.company_id LIMIT ?",
                (row, index) -> new CompanyListing(row.getString("company_id"), row.getString("name"),
                        row.getObject("founded_on", LocalDate.class), row.getLong("total_shares")),
                knownAt, knownAt, at.asOf(), at.asOf(), knownAt, at.asOf(), after == null ? "" : after, limit + 1);
        return Page.of(rows, limit, CompanyListing::id);
    }
}
