package no.ledger.projections.ownership;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import no.ledger.core.company.CompanyFounded;
import no.ledger.core.company.OwnerKind;
import no.ledger.core.company.ShareDecision;
import no.ledger.core.company.ShareDecisionRetracted;
import no.ledger.core.company.SharesIssued;
import no.ledger.core.company.SharesTransferred;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.timeline.JdbcTimelineTable;
import no.ledger.projections.timeline.TimelineColumns;
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

/** Each company's owners and holdings over time, from its share movements in force. */
@Component
@ProcessingGroup(ProcessingGroups.OWNERSHIP)
public class OwnershipProjection {

    /** The ownership_timeline table: each owner's holding of a company over both times. */
    public static final TimelineColumns<String, OwnershipTimeline.Holding> TIMELINE = new TimelineColumns<>(
            "ownership_timeline", List.of("company_id"), List.of("owner", "owner_kind", "shares")) {
        @Override
        protected Object[] keyParameters(String companyId) {
            return new Object[] {companyId};
        }

        @Override
        protected Object[] valueParameters(OwnershipTimeline.Holding holding) {
            return new Object[] {holding.owner(), holding.kind().name(), holding.shares()};
        }

        @Override
        protected OwnershipTimeline.Holding readValue(ResultSet row) throws SQLException {
            return new OwnershipTimeline.Holding(row.getString("owner"),
                    OwnerKind.valueOf(row.getString("owner_kind")), row.getLong("shares"));
        }
    };

    private final JdbcTemplate jdbc;
    private final JdbcTimelineTable<String, OwnershipTimeline.Holding> timelines;

    public OwnershipProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.timelines = new JdbcTimelineTable<>(jdbc, TIMELINE);
    }

    @EventHandler
    void on(CompanyFounded founded, @Timestamp Instant recordedAt) {
        jdbc.update("INSERT INTO company_view (company_id, name, founded_on, recorded_at) VALUES (?, ?, ?, ?)",
                founded.companyId(), founded.name(), founded.foundedOn(), TimeBounds.utc(recordedAt));
    }

    @EventHandler
    void on(SharesIssued issued, @MessageIdentifier String eventId, @SequenceNumber Long sequence,
            @Timestamp Instant recordedAt) {
        recordMovement(eventId, issued.companyId(), sequence, null, null, issued.owner(), issued.ownerKind(),
                issued.shares(), issued, recordedAt);
    }

    @EventHandler
    void on(SharesTransferred transfer, @MessageIdentifier String eventId, @SequenceNumber Long sequence,
            @Timestamp Instant recordedAt) {
        recordMovement(eventId, transfer.companyId(), sequence, transfer.from(), transfer.fromKind(), transfer.to(),
                transfer.toKind(), transfer.shares(), transfer, recordedAt);
    }

    @EventHandler
    void on(ShareDecisionRetracted retraction, @Timestamp Instant recordedAt) {
        jdbc.update("UPDATE share_movement SET retracted_at = ? WHERE event_id = ?", TimeBounds.utc(recordedAt),
                retraction.retractedEventId());
        refold(retraction.companyId(), recordedAt);
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM ownership_timeline");
        jdbc.update("DELETE FROM share_movement");
        jdbc.update("DELETE FROM company_view");
    }

    private void recordMovement(String eventId, String companyId, long sequence, String from, OwnerKind fromKind,
                                String to, OwnerKind toKind, long shares,
                                ShareDecision decision, Instant recordedAt) {
        jdbc.update("INSERT INTO share_movement (event_id, company_id, sequence_number, from_owner, from_kind,"
                        + " to_owner, to_kind, shares, effective_date, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", eventId, companyId, sequence, from,
                fromKind == null ? null : fromKind.name(), to, toKind.name(), shares, decision.effectiveDate(),
                TimeBounds.utc(recordedAt));
        refold(companyId, recordedAt);
    }

    private void refold(String companyId, Instant recordedAt) {
        List<OwnershipTimeline.Movement> movements = jdbc.query("SELECT from_owner, from_kind, to_owner, to_kind,"
                        + " shares, effective_date FROM share_movement WHERE company_id = ? AND retracted_at IS NULL"
                        + " ORDER BY sequence_number",
                (row, index) -> new OwnershipTimeline.Movement(row.getString("from_owner"),
                        row.getString("from_kind") == null ? null : OwnerKind.valueOf(row.getString("from_kind")),
                        row.getString("to_owner"), OwnerKind.valueOf(row.getString("to_kind")),
                        row.getLong("shares"), row.getObject("effective_date", LocalDate.class)),
                companyId);
        TimelineRecorder.record(timelines, companyId, OwnershipTimeline.of(movements), recordedAt);
    }
}
