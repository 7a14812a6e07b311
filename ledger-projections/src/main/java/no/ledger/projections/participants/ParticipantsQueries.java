package no.ledger.projections.participants;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
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
import no.ledger.projections.ReadSnapshot;
import no.ledger.projections.register.PopulationInForce;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Who takes part in a programme, and how, at any point in time: one indexed lookup per municipality in scope into
 * the participation timeline, whatever the length of the history, and its population from {@link PopulationInForce}.
 * The scope is the municipalities of the programme's health regions that were registered (known at {@code knownAt},
 * in being on {@code asOf}).
 */
@Component
public class ParticipantsQueries {

    /**
     * The municipalities in the programme's scope, each with its participation in force (the population comes from
     * {@link PopulationInForce}), and the version of the population timeline that the query sees.
     */
    private static final String IN_SCOPE = ", " + PopulationInForce.VERSION_COLUMN + " FROM municipality_view m"
            + " JOIN programme_scope s ON s.programme_id = ? AND s.health_region = m.health_region"
            + " LEFT JOIN participation_timeline t ON t.programme_id = s.programme_id AND t.number = m.number"
            + "   AND t.recorded_to > ? AND t.recorded_from <= ? AND t.valid_from <= ? AND t.valid_to > ?"
            + " WHERE m.recorded_at <= ? AND m.registered_on <= ?";
    private static final String PARTICIPANTS = "SELECT m.number, m.name, m.county, m.health_region,"
            + " t.declaration, t.agreement, t.via_option,"
            + " t.extended_deadline, t.invited_on, t.signed_on, t.withdrawn_on, t.extension_granted_on,"
            + " t.option_entered_on, t.option_expires_on, t.option_exercised_on, t.option_lapsed_on,"
            + " t.commitment_entered_on" + IN_SCOPE;
    private static final String STANDINGS = "SELECT m.number, m.health_region, t.declaration, t.agreement" + IN_SCOPE;

    private final JdbcTemplate jdbc;
    private final PopulationInForce populations;
    /** Reads the populations and the participations again in one snapshot, when the populations have changed. */
    private final TransactionTemplate oneSnapshot;
    /** A programme's definition never changes once recorded, so it is read once. */
    private final Map<String, DefinedProgramme> definedProgrammes = new ConcurrentHashMap<>();

    private record DefinedProgramme(ProgrammeInfo programme, Instant recordedAt) {
    }

    public ParticipantsQueries(JdbcTemplate jdbc, PopulationInForce populations,
                               PlatformTransactionManager transactionManager) {
        this.jdbc = jdbc;
        this.populations = populations;
        this.oneSnapshot = ReadSnapshot.template(transactionManager, jdbc.getDataSource());
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
        return inScope(PARTICIPANTS + " ORDER BY m.number", parameters(programme, at, List.of()), at,
                (row, population) -> participant(row, population, programme));
    }

    /**
     * The municipalities in scope counted by health region, declaration and agreement, with their population: what
     * coverage needs.
     */
    public List<ParticipationTally> tallies(ProgrammeInfo programme, AsOf at) {
        List<ParticipationTally> municipalities = inScope(STANDINGS, parameters(programme, at, List.of()), at,
                ParticipantsQueries::tallyOfOne);
        Map<Standing, ParticipationTally> tallies = new LinkedHashMap<>();
        for (ParticipationTally one : municipalities) {
            tallies.merge(new Standing(one.healthRegion(), one.declaration(), one.agreement()), one,
                    (sum, more) -> new ParticipationTally(sum.healthRegion(), sum.declaration(), sum.agreement(),
                            sum.municipalities() + more.municipalities(),
                            Math.addExact(sum.population(), more.population())));
        }
        return List.copyOf(tallies.values());
    }

    /** A municipality without a participation row (not invited, or not yet) counts as not participating. */
    private static ParticipationTally tallyOfOne(ResultSet row, long population) throws SQLException {
        ParticipantStatus none = ParticipantStatus.NOT_PARTICIPATING;
        String declaration = row.getString("declaration");
        return new ParticipationTally(HealthRegion.valueOf(row.getString("health_region")),
                declaration == null ? none.declaration() : DeclarationStatus.valueOf(declaration),
                declaration == null ? none.agreement() : AgreementStatus.valueOf(row.getString("agreement")),
                1, population);
    }

    private record Standing(HealthRegion healthRegion, DeclarationStatus declaration, AgreementStatus agreement) {
    }

    /** One municipality's row, or the rule it breaks: unknown, or outside the programme's scope. */
    public ParticipantRow participant(ProgrammeInfo programme, String number, AsOf at) {
        Optional<ParticipantRow> found = inScope(PARTICIPANTS + " AND m.number = ?",
                parameters(programme, at, List.of(number)), at,
                (row, population) -> participant(row, population, programme)).stream().findFirst();
        return found.orElseThrow(() -> new NotAParticipant(number, programme.programmeId()));
    }

    /** Maps a row of the municipalities in scope, given the municipality's population in force. */
    @FunctionalInterface
    private interface InScopeMapper<T> {
        T map(ResultSet row, long population) throws SQLException;
    }

    /**
     * The municipalities in scope, each with its population from the copy in memory. Should the copy be of another
     * version than the query saw (a count recorded or retracted meanwhile, on any instance), both are read again in
     * one snapshot, so that an answer never mixes two states of the read models.
     */
    private <T> List<T> inScope(String sql, Object[] parameters, AsOf at, InScopeMapper<T> mapper) {
        PopulationInForce.Populations held = populations.held();
        List<T> rows = new ArrayList<>();
        boolean[] current = {true};
        jdbc.query(sql, (ResultSet row) -> {
            current[0] &= row.getLong("population_version") == held.version();
            if (current[0]) {
                rows.add(mapper.map(row, held.of(row.getString("number"), at)));
            }
        }, parameters);
        if (current[0]) {
            return rows;
        }
        return oneSnapshot.execute(transaction -> {
            PopulationInForce.Populations seen = populations.inThisTransaction();
            return jdbc.query(sql, (row, index) -> mapper.map(row, seen.of(row.getString("number"), at)),
                    parameters);
        });
    }

    private static Object[] parameters(ProgrammeInfo programme, AsOf at, List<Object> more) {
        Object knownAt = TimeBounds.utc(at.knownAt());
        List<Object> parameters = new ArrayList<>(List.of(programme.programmeId(),
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

    private static ParticipantRow participant(ResultSet row, long population, ProgrammeInfo programme)
            throws SQLException {
        ParticipantStatus status = row.getString("declaration") == null ? ParticipantStatus.NOT_PARTICIPATING
                : ParticipationTimelineColumns.read(row);
        LocalDate deadline = status.extendedDeadline() != null ? status.extendedDeadline()
                : programme.declarationDeadline();
        return new ParticipantRow(row.getString("number"), row.getString("name"), row.getString("county"),
                HealthRegion.valueOf(row.getString("health_region")), population, deadline, status);
    }
}
