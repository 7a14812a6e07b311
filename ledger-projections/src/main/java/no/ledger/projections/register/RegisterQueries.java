package no.ledger.projections.register;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.listing.Page;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The registers as listings, bitemporally like every other read: a municipality or programme is listed when the
 * ledger knew it at {@code knownAt} and it was in being on {@code asOf} (registered or defined by then).
 * Pages run in key order (number, id) and continue after the last key of the page before.
 */
@Component
public class RegisterQueries {

    private final JdbcTemplate jdbc;

    public RegisterQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A registered municipality with its population in force on {@code asOf}. */
    public record MunicipalityListing(String number, String name, String county, HealthRegion healthRegion,
                                      LocalDate registeredOn, long population) {
    }

    /** Filters of the municipality listing; {@code null} leaves one out. */
    public record MunicipalityFilter(HealthRegion healthRegion, String county) {
    }

    public Page<MunicipalityListing> municipalities(AsOf at, MunicipalityFilter filter, String after, int limit) {
        Object knownAt = TimeBounds.utc(at.knownAt());
        StringBuilder sql = new StringBuilder("SELECT m.number, m.name, m.county, m.health_region, m.registered_on,"
                + " COALESCE(p.population, 0) AS population FROM municipality_view m"
                + " LEFT JOIN population_timeline p ON p.number = m.number"
                + "   AND p.recorded_to > ? AND p.recorded_from <= ? AND p.valid_from <= ? AND p.valid_to > ?"
                + " WHERE m.recorded_at <= ? AND m.registered_on <= ?");
        List<Object> parameters = new ArrayList<>(List.of(knownAt, knownAt, at.asOf(), at.asOf(), knownAt,
                at.asOf()));
        if (filter.healthRegion() != null) {
            sql.append(" AND m.health_region = ?");
            parameters.add(filter.healthRegion().name());
        }
        if (filter.county() != null) {
            sql.append(" AND m.county = ?");
            parameters.add(filter.county());
        }
        if (after != null) {
            sql.append(" AND m.number > ?");
            parameters.add(after);
        }
        sql.append(" ORDER BY m.number LIMIT ?");
        parameters.add(limit + 1);
        List<MunicipalityListing> rows = jdbc.query(sql.toString(), (row, index) -> new MunicipalityListing(
                row.getString("number"), row.getString("name"), row.getString("county"),
                HealthRegion.valueOf(row.getString("health_region")),
                row.getObject("registered_on", LocalDate.class), row.getLong("population")), parameters.toArray());
        return Page.of(rows, limit, MunicipalityListing::number);
    }

    /** A defined programme: its scope (health regions in their order), deadline and thresholds. */
    public record ProgrammeListing(String id, String name, List<HealthRegion> scopeRegions,
                                   LocalDate declarationDeadline, Thresholds thresholds, LocalDate definedOn) {
    }

    public Page<ProgrammeListing> programmes(AsOf at, String after, int limit) {
        Object knownAt = TimeBounds.utc(at.knownAt());
        List<ProgrammeListing> rows = jdbc.query("SELECT programme_id, name, declaration_deadline,"
                        + " declaration_threshold, commitment_threshold, procurement_threshold, defined_on"
                        + " FROM programme_view WHERE recorded_at <= ? AND defined_on <= ? AND programme_id > ?"
                        + " ORDER BY programme_id LIMIT ?",
                (row, index) -> new ProgrammeListing(row.getString("programme_id"), row.getString("name"),
                        scope(row.getString("programme_id")), row.getObject("declaration_deadline", LocalDate.class),
                        new Thresholds(row.getBigDecimal("declaration_threshold").stripTrailingZeros(),
                                row.getBigDecimal("commitment_threshold").stripTrailingZeros(),
                                row.getBigDecimal("procurement_threshold").stripTrailingZeros()),
                        row.getObject("defined_on", LocalDate.class)),
                knownAt, at.asOf(), after == null ? "" : after, limit + 1);
        return Page.of(rows, limit, ProgrammeListing::id);
    }

    private List<HealthRegion> scope(String programmeId) {
        Set<HealthRegion> scope = EnumSet.noneOf(HealthRegion.class);
        jdbc.query("SELECT health_region FROM programme_scope WHERE programme_id = ?",
                row -> {
                    scope.add(HealthRegion.valueOf(row.getString(1)));
                }, programmeId);
        return List.copyOf(scope);
    }
}
