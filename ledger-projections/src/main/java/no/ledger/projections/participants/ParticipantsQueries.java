package no.ledger.projections.participants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.UnknownProgramme;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Who takes part in a programme, and how, at any point in time: one indexed lookup per municipality in scope into
 * the population and participation timelines, whatever the length of the history. The scope is the municipalities
 * of the programme's health regions that were registered (known at {@code knownAt}, in being on {@code asOf}).
 */
@Component
public class ParticipantsQueries {

    /** The municipalities in the programme's scope, each with its population and participation in force. */
    private static final String IN_SCOPE = " FROM municipality_view m"
            + " JOIN programme_scope s ON s.programme_id = ? AND s.health_region = m.health_region"
            + " LEFT JOIN population_timeline p ON p.number = m.number"
            + "   AND p.recorded_to > ? AND p.recorded_from <= ? AND p.valid_from <= ? AND p.valid_to > ?"
            + " LEFT JOIN participation_timeline t ON t.programme_id = s.programme_id AND t.number = m.number"
            + "   AND t.recorded_to > ? AND t.recorded_from <= ? AND t.valid_from <= ? AND t.valid_to > ?"
            + " WHERE m.recorded_at <= ? AND m.registered_on <= ?";
    private static final String PARTICIPANTS = "SELECT m.number, m.name, m.county, m.health_region,"
            + " COALESCE(p.population, 0) AS population, t.declaration, t.agreement, t.via_option,"
            + " t.extended_deadline, t.invited_on, t.signed_on, t.withdrawn_on, t.extension_granted_on,"
            + " t.option_entered_on, t.option_expires_on, t.option_exercised_on, t.option_lapsed_on,"
            + " t.commitment_entered_on" + IN_SCOPE;
    /** A municipality without a participation row (not invited, or not yet) counts as not participating. */
    private static final String TALLIES = "SELECT m.health_region, t.declaration, t.agreement,"
            + " COUNT(*) AS municipalities, SUM(COALESCE(p.population, 0)) AS population" + IN_SCOPE
            + " GROUP BY m.health_region, t.declaration, t.agreement";

    private final JdbcTemplate jdbc;
    /** A programme's definition never changes once recorded, so it is read once. */
    private final Map<String, DefinedProgramme> definedProgrammes = new ConcurrentHashMap<>();

    private record DefinedProgramme(ProgrammeInfo programme, Instant recordedAt) {
    }

    public ParticipantsQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The programme as the ledger knew it at the instant, or the rule that it was not defined then. */
    public ProgrammeInfo programme(String programmeId, AsOf at) {
        DefinedProgramme defined = definedProgrammes.get(programmeId);
        if (defined == null) {
            defined = jdbc.query("SELECT name, declaration_deadline, declaration_threshold, commitment_threshold,"
                                    + " procurement_threshold, recorded_at FROM programme_view WHERE programme_id = ?",
                            (row, index) -> new DefinedProgramme(new ProgrammeInfo(programmeId, row.getString("name"),
                                    scope(programmeId), row.getObject("declaration_deadline", LocalDate.class),
                                    new Thresholds(row.getBigDecimal("declaration_threshold").stripTrailingZeros(),
                                            row.getBigDecimal("commitment_threshold").stripTrailingZeros(),
                                            row.getBigDecimal("procurement_threshold").stripTrailingZeros())),
                                    row.getObject("recorded_at", OffsetDateTime.class).toInstant()),
                            programmeId)
                    .stream().findFirst().orElseThrow(() -> new UnknownProgramme(programmeId));
            definedProgrammes.put(programmeId, defined);
        }
        if (defined.recordedAt().isAfter(at.knownAt())) {
            throw new UnknownProgramme(programmeId);
        }
        return defined.programme();
    }

    /** Every municipality in the programme's scope, by number. */
    public List<ParticipantRow> participants(ProgrammeInfo programme, AsOf at) {
        return jdbc.query(PARTICIPANTS + " ORDER BY m.number", (row, index) -> participant(row, programme),
                parameters(programme, at, List.of()));
    }

    /**
     * The municipalities in scope counted by health region, declaration and agreement, with their population: what
     * coverage needs, without a row a municipality.
     */
    public List<ParticipationTally> tallies(ProgrammeInfo programme, AsOf at) {
        ParticipantStatus none = ParticipantStatus.NOT_PARTICIPATING;
        return jdbc.query(TALLIES, (row, index) -> {
            String declaration = row.getString("declaration");
            return new ParticipationTally(HealthRegion.valueOf(row.getString("health_region")),
                    declaration == null ? none.declaration() : DeclarationStatus.valueOf(declaration),
                    declaration == null ? none.agreement() : AgreementStatus.valueOf(row.getString("agreement")),
                    row.getInt("municipalities"), row.getLong("population"));
        }, parameters(programme, at, List.of()));
    }

    /** One municipality's row, or the rule it breaks: unknown, or outside the programme's scope. */
    public ParticipantRow participant(ProgrammeInfo programme, String number, AsOf at) {
        Optional<ParticipantRow> found = jdbc.query(PARTICIPANTS + " AND m.number = ?",
                (row, index) -> participant(row, programme), parameters(programme, at, List.of(number)))
                .stream().findFirst();
        return found.orElseThrow(() -> new NotAParticipant(number, programme.programmeId()));
    }

    private static Object[] parameters(ProgrammeInfo programme, AsOf at, List<Object> more) {
        Object knownAt = TimeBounds.utc(at.knownAt());
        List<Object> parameters = new ArrayList<>(List.of(programme.programmeId(),
                knownAt, knownAt, at.asOf(), at.asOf(),
                knownAt, knownAt, at.asOf(), at.asOf(),
                knownAt, at.asOf()));
        parameters.addAll(more);
        return parameters.toArray();
    }

    private Set<HealthRegion> scope(String programmeId) {
        Set<HealthRegion> scope = EnumSet.noneOf(HealthRegion.class);
        jdbc.query("SELECT health_region FROM programme_scope WHERE programme_id = ?",
                row -> {
                    scope.add(HealthRegion.valueOf(row.getString(1)));
                }, programmeId);
        return scope;
    }

    private static ParticipantRow participant(ResultSet row, ProgrammeInfo programme) throws SQLException {
        ParticipantStatus status = row.getString("declaration") == null ? ParticipantStatus.NOT_PARTICIPATING
                : ParticipationTimelineColumns.read(row);
        LocalDate deadline = status.extendedDeadline() != null ? status.extendedDeadline()
                : programme.declarationDeadline();
        return new ParticipantRow(row.getString("number"), row.getString("name"), row.getString("county"),
                HealthRegion.valueOf(row.getString("health_region")), row.getLong("population"), deadline, status);
    }
}
