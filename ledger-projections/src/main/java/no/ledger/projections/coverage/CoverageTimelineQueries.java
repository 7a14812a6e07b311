package no.ledger.projections.coverage;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.InvalidInput;
import no.ledger.projections.coverage.CoverageTimeline.FirstMet;
import no.ledger.projections.coverage.CoverageTimeline.Point;
import no.ledger.projections.participants.ParticipationTally;
import no.ledger.projections.participants.ParticipantStatus;
import no.ledger.projections.participants.ParticipantsQueries;
import no.ledger.projections.participants.ProgrammeInfo;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The coverage curve of a programme: three range reads of the read models (scope, population and participation
 * rows known at {@code knownAt} that overlap the range), then one sweep over the dates on which any of those rows
 * begins. Each point is summed by the same rules as {@link CoverageQueries}, so a point and the coverage asked for
 * its date always agree.
 */
@Component
public class CoverageTimelineQueries {

    private static final String SCOPE = "SELECT m.number, m.health_region, m.registered_on"
            + " FROM municipality_view m"
            + " JOIN programme_scope s ON s.programme_id = ? AND s.health_region = m.health_region"
            + " WHERE m.recorded_at <= ? AND m.registered_on <= ?";
    private static final String POPULATION = "SELECT p.number, p.valid_from, p.valid_to, p.population"
            + " FROM population_timeline p"
            + " JOIN municipality_view m ON m.number = p.number"
            + " JOIN programme_scope s ON s.programme_id = ? AND s.health_region = m.health_region"
            + " WHERE p.recorded_to > ? AND p.recorded_from <= ? AND p.valid_to > ? AND p.valid_from <= ?";
    private static final String PARTICIPATION = "SELECT t.number, t.valid_from, t.valid_to, t.declaration,"
            + " t.agreement FROM participation_timeline t"
            + " WHERE t.programme_id = ? AND t.recorded_to > ? AND t.recorded_from <= ?"
            + " AND t.valid_to > ? AND t.valid_from <= ?";

    /** How long a range may be: 2020 to 2025 and more, but not a century of points. */
    private static final int MOST_DAYS = 366 * 50;

    private final JdbcTemplate jdbc;
    private final ParticipantsQueries participants;

    public CoverageTimelineQueries(JdbcTemplate jdbc, ParticipantsQueries participants) {
        this.jdbc = jdbc;
        this.participants = participants;
    }

    private record InScope(String number, HealthRegion healthRegion, LocalDate registeredOn) {
    }

    /** A state of one municipality over {@code [from, to)}. */
    private record Span<T>(LocalDate from, LocalDate to, T value) {
    }

    private record Standing(DeclarationStatus declaration, AgreementStatus agreement) {
    }

    /** A municipality with no participation row on a date: not invited, or not yet. */
    private static final Standing NOT_PARTICIPATING = new Standing(
            ParticipantStatus.NOT_PARTICIPATING.declaration(), ParticipantStatus.NOT_PARTICIPATING.agreement());

    public CoverageTimeline timeline(String programmeId, LocalDate from, LocalDate to, AsOf known) {
        if (to.isBefore(from)) {
            throw new InvalidInput("range-in-order", "to", "must not be before from (" + from + ")");
        }
        if (from.plusDays(MOST_DAYS).isBefore(to)) {
            throw new InvalidInput("range-within-limit", "to", "must be within 50 years of from");
        }
        ProgrammeInfo programme = participants.programme(programmeId, known);
        Object knownAt = TimeBounds.utc(known.knownAt());

        List<InScope> scope = jdbc.query(SCOPE, (row, index) -> new InScope(row.getString("number"),
                        HealthRegion.valueOf(row.getString("health_region")),
                        row.getObject("registered_on", LocalDate.class)),
                programmeId, knownAt, to);
        Map<String, List<Span<Long>>> populations = new HashMap<>();
        jdbc.query(POPULATION, row -> {
            populations.computeIfAbsent(row.getString("number"), number -> new ArrayList<>())
                    .add(new Span<>(row.getObject("valid_from", LocalDate.class),
                            row.getObject("valid_to", LocalDate.class), row.getLong("population")));
        }, programmeId, knownAt, knownAt, from, to);
        Map<String, List<Span<Standing>>> standings = new HashMap<>();
        jdbc.query(PARTICIPATION, row -> {
            standings.computeIfAbsent(row.getString("number"), number -> new ArrayList<>())
                    .add(new Span<>(row.getObject("valid_from", LocalDate.class),
                            row.getObject("valid_to", LocalDate.class),
                            new Standing(DeclarationStatus.valueOf(row.getString("declaration")),
                                    AgreementStatus.valueOf(row.getString("agreement")))));
        }, programmeId, knownAt, knownAt, from, to);

        TreeSet<LocalDate> changes = new TreeSet<>();
        changes.add(from);
        scope.forEach(municipality -> addWithin(changes, municipality.registeredOn(), from, to));
        populations.values().forEach(spans -> spans.forEach(span -> addWithin(changes, span.from(), from, to)));
        standings.values().forEach(spans -> spans.forEach(span -> {
            addWithin(changes, span.from(), from, to);
            addWithin(changes, span.to(), from, to);
        }));

        List<Point> points = new ArrayList<>();
        LocalDate declarationMet = null;
        LocalDate commitmentMet = null;
        LocalDate procurementMet = null;
        Coverage.Count lastDeclarations = null;
        for (LocalDate date : changes) {
            List<ParticipationTally> tallies = new ArrayList<>(scope.size());
            for (InScope municipality : scope) {
                if (municipality.registeredOn().isAfter(date)) {
                    continue;
                }
                Long population = on(populations.get(municipality.number()), date);
                Standing standing = on(standings.get(municipality.number()), date);
                if (standing == null) {
                    standing = NOT_PARTICIPATING;
                }
                tallies.add(new ParticipationTally(municipality.healthRegion(), standing.declaration(),
                        standing.agreement(), 1, population == null ? 0 : population));
            }
            Coverage.RegionCoverage summary = CoverageQueries.summarise(tallies, programme.thresholds());
            Point point = new Point(date, summary.scope(), summary.declarations(), summary.commitments(),
                    summary.options(), summary.procurement());
            // Only dates on which the figures change make a point; a row may begin without changing them.
            if (points.isEmpty() || !sameFigures(points.get(points.size() - 1), point)) {
                points.add(point);
            }
            if (declarationMet == null && point.declarations().thresholdMet()) {
                declarationMet = date;
            }
            if (commitmentMet == null && point.commitments().thresholdMet()) {
                commitmentMet = date;
            }
            if (procurementMet == null && point.procurement().thresholdMet()) {
                procurementMet = date;
            }
        }
        return new CoverageTimeline(programmeId, from, to, known.knownAt(), programme.declarationDeadline(),
                programme.thresholds(), points, new FirstMet(declarationMet, commitmentMet, procurementMet));
    }

    private static void addWithin(TreeSet<LocalDate> dates, LocalDate date, LocalDate from, LocalDate to) {
        if (date != null && date.isAfter(from) && !date.isAfter(to)) {
            dates.add(date);
        }
    }

    /** The value of the span that covers the date; spans known at one instant do not overlap. */
    private static <T> T on(List<Span<T>> spans, LocalDate date) {
        if (spans == null) {
            return null;
        }
        for (Span<T> span : spans) {
            if (!span.from().isAfter(date) && span.to().isAfter(date)) {
                return span.value();
            }
        }
        return null;
    }

    private static boolean sameFigures(Point before, Point after) {
        return before.scope().equals(after.scope()) && before.declarations().equals(after.declarations())
                && before.commitments().equals(after.commitments()) && before.options().equals(after.options())
                && before.procurement().equals(after.procurement());
    }
}
