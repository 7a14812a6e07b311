package no.ledger.projections.register;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.ledger.core.municipality.PopulationCountRetracted;
import no.ledger.core.municipality.PopulationCounted;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.timeline.JdbcTimelineTable;
import no.ledger.projections.timeline.TimelineColumns;
import no.ledger.projections.timeline.TimeBounds;
import no.ledger.projections.timeline.TimelineRecorder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Each municipality's population in force over time, from its counts in force. */
@Component
@ProcessingGroup(ProcessingGroups.PARTICIPANTS)
public class PopulationProjection {

    /** The population_timeline table: a municipality's population over both times. */
    public static final TimelineColumns<String, Long> TIMELINE = new TimelineColumns<>("population_timeline",
            List.of("number"), List.of("population")) {
        @Override
        protected Object[] keyParameters(String number) {
            return new Object[] {number};
        }

        @Override
        protected Object[] valueParameters(Long population) {
            return new Object[] {population};
        }

        @Override
        protected Long readValue(ResultSet row) throws SQLException {
            return row.getLong("population");
        }
    };

    private final JdbcTemplate jdbc;
    private final JdbcTimelineTable<String, Long> timelines;

    public PopulationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.timelines = new JdbcTimelineTable<>(jdbc, TIMELINE);
    }

    @EventHandler
    void on(PopulationCounted counted, @MessageIdentifier String eventId, @Timestamp Instant recordedAt) {
        jdbc.update("INSERT INTO population_count (event_id, number, counted_on, population, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?)", eventId, counted.number(), counted.countedOn(),
                counted.population(), TimeBounds.utc(recordedAt));
        refold(counted.number(), recordedAt);
    }

    @EventHandler
    void on(PopulationCountRetracted retraction, @Timestamp Instant recordedAt) {
        jdbc.update("UPDATE population_count SET retracted_at = ? WHERE event_id = ?", TimeBounds.utc(recordedAt),
                retraction.retractedEventId());
        refold(retraction.number(), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM population_timeline");
        jdbc.update("DELETE FROM population_count");
        jdbc.update(PopulationInForce.RAISE_VERSION);
    }

    private void refold(String number, Instant recordedAt) {
        List<PopulationTimeline.Count> counts = jdbc.query("SELECT counted_on, population FROM population_count"
                        + " WHERE number = ? AND retracted_at IS NULL",
                (row, index) -> new PopulationTimeline.Count(row.getObject("counted_on", LocalDate.class),
                        row.getLong("population")), number);
        TimelineRecorder.record(timelines, number, PopulationTimeline.of(counts), recordedAt);
        // Every instance's copy in memory is now behind: see PopulationInForce.
        jdbc.update(PopulationInForce.RAISE_VERSION);
    }
}
