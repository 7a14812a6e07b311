package no.ledger.projections.register;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Every municipality's population over both times, held in memory. Coverage and participants need it for each
 * municipality in scope, at any point in time; the table is a few thousand rows that change only when a count is
 * recorded or retracted, and joining it took the database half its work per query. The copy is checked against the
 * table's version, which the population projection and a rebuild's switch raise in the same transaction as their
 * change, so that an instance sees a change made by any other.
 */
@Component
public class PopulationInForce {

    private static final String VERSION = "SELECT version FROM read_model_version"
            + " WHERE read_model = 'population_timeline'";
    /** A query column giving the version of population_timeline that the query sees. */
    public static final String VERSION_COLUMN = "(" + VERSION + ") AS population_version";
    /** Raises the version: run in the transaction that changes population_timeline. */
    public static final String RAISE_VERSION = "UPDATE read_model_version SET version = version + 1"
            + " WHERE read_model = 'population_timeline'";

    private static final String TIMELINE = "SELECT v.version, p.number, p.valid_from, p.valid_to, p.recorded_from,"
            + " p.recorded_to, p.population FROM read_model_version v"
            + " LEFT JOIN population_timeline p ON 1 = 1 WHERE v.read_model = 'population_timeline'";

    private final JdbcTemplate jdbc;
    private volatile Populations held = new Populations(-1, Map.of());

    public PopulationInForce(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The copy in memory, which may be behind the table: compare its version with the one a query sees. */
    public Populations held() {
        return held;
    }

    /** The populations as the current transaction sees them, read again only if the copy in memory is not that. */
    public Populations inThisTransaction() {
        long version = jdbc.queryForObject(VERSION, Long.class);
        Populations copy = held;
        return copy.version() == version ? copy : read(version);
    }

    private synchronized Populations read(long version) {
        // Requests that found the copy behind wait here for the first to read it again.
        if (held.version() == version) {
            return held;
        }
        Map<String, List<Counted>> byNumber = new HashMap<>();
        long[] readAt = {-1};
        jdbc.query(TIMELINE, row -> {
            readAt[0] = row.getLong("version");
            String number = row.getString("number");
            if (number != null) {
                byNumber.computeIfAbsent(number, key -> new ArrayList<>()).add(new Counted(
                        row.getObject("valid_from", LocalDate.class), row.getObject("valid_to", LocalDate.class),
                        row.getObject("recorded_from", OffsetDateTime.class).toInstant(),
                        row.getObject("recorded_to", OffsetDateTime.class).toInstant(), row.getLong("population")));
            }
        });
        byNumber.replaceAll((number, counts) -> List.copyOf(counts));
        Populations read = new Populations(readAt[0], Map.copyOf(byNumber));
        if (read.version() > held.version()) {
            held = read;
        }
        return read;
    }

    /** A row of population_timeline: the population in force over {@code [validFrom, validTo)}, as recorded. */
    public record Counted(LocalDate validFrom, LocalDate validTo, Instant recordedFrom, Instant recordedTo,
                           long population) {

        boolean inForce(LocalDate asOf, Instant knownAt) {
            return recordedFrom.compareTo(knownAt) <= 0 && recordedTo.isAfter(knownAt)
                    && !validFrom.isAfter(asOf) && validTo.isAfter(asOf);
        }
    }

    /** population_timeline at one version. */
    public record Populations(long version, Map<String, List<Counted>> byNumber) {

        /** The population in force; 0 for a municipality not counted then. */
        public long of(String number, AsOf at) {
            Instant knownAt = TimeBounds.asSent(at.knownAt());
            for (Counted counted : byNumber.getOrDefault(number, List.of())) {
                if (counted.inForce(at.asOf(), knownAt)) {
                    return counted.population();
                }
            }
            return 0;
        }
    }
}
