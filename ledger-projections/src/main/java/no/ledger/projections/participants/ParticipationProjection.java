package no.ledger.projections.participants;

import java.time.Instant;
import java.util.List;
import no.ledger.core.participation.ParticipationDecision;
import no.ledger.core.participation.ParticipationDecisionRetracted;
import no.ledger.projections.EventJson;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.timeline.JdbcTimelineTable;
import no.ledger.projections.timeline.TimeBounds;
import no.ledger.projections.timeline.TimelineRecorder;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps each participation's decisions in force and folds them into its timeline whenever one is recorded or
 * retracted.
 */
@Component
@ProcessingGroup(ProcessingGroups.PARTICIPANTS)
public class ParticipationProjection {

    private final JdbcTemplate jdbc;
    private final JdbcTimelineTable<ParticipationKey, ParticipantStatus> timelines;

    public ParticipationProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.timelines = new JdbcTimelineTable<>(jdbc, ParticipationTimelineColumns.TIMELINE);
    }

    @EventHandler
    void on(ParticipationDecision decision, @MessageIdentifier String eventId, @SequenceNumber Long sequence,
            @Timestamp Instant recordedAt) {
        jdbc.update("INSERT INTO participation_decision (event_id, programme_id, number, sequence_number,"
                        + " payload_type, payload, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                eventId, decision.programmeId(), decision.number(), sequence, decision.getClass().getName(),
                EventJson.write(decision), TimeBounds.utc(recordedAt));
        refold(new ParticipationKey(decision.programmeId(), decision.number()), recordedAt);
    }

    @EventHandler
    void on(ParticipationDecisionRetracted retraction, @Timestamp Instant recordedAt) {
        jdbc.update("UPDATE participation_decision SET retracted_at = ? WHERE event_id = ?",
                TimeBounds.utc(recordedAt), retraction.retractedEventId());
        refold(new ParticipationKey(retraction.programmeId(), retraction.number()), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM participation_timeline");
        jdbc.update("DELETE FROM participation_decision");
    }

    private void refold(ParticipationKey key, Instant recordedAt) {
        List<ParticipationDecision> inForce = jdbc.query("SELECT payload_type, payload FROM participation_decision"
                        + " WHERE programme_id = ? AND number = ? AND retracted_at IS NULL ORDER BY sequence_number",
                (row, index) -> (ParticipationDecision) EventJson.read(row.getString("payload_type"),
                        row.getString("payload")),
                key.programmeId(), key.number());
        TimelineRecorder.record(timelines, key, ParticipationTimeline.of(inForce), recordedAt);
    }
}
