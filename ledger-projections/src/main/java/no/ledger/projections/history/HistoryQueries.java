package no.ledger.projections.history;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import no.ledger.core.shared.UnknownMunicipality;
import no.ledger.projections.EventJson;
import no.ledger.projections.listing.Page;
import no.ledger.projections.timeline.AsOf;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A municipality's history as the ledger knew it at an instant: the events recorded by then and effective by the
 * date, oldest recorded first; a retraction shows only once it was recorded.
 */
@Component
public class HistoryQueries {

    private final JdbcTemplate jdbc;

    public HistoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<HistoryEntry> history(String number, AsOf at) {
        return page(number, at, null, Integer.MAX_VALUE - 1).items();
    }

    /** One page of the history, continuing after the cursor (none: from the start). */
    public Page<HistoryEntry> page(String number, AsOf at, HistoryCursor after, int limit) {
        OffsetDateTime knownAt = TimeBounds.utc(at.knownAt());
        Integer registrations = jdbc.queryForObject("SELECT COUNT(*) FROM history_entry WHERE number = ?"
                + " AND event_type = 'MunicipalityRegistered' AND recorded_at <= ?", Integer.class, number, knownAt);
        if (registrations == null || registrations == 0) {
            throw new UnknownMunicipality(number, "number");
        }
        List<Object> parameters = new ArrayList<>(List.of(number, knownAt, at.asOf()));
        String continuing = "";
        if (after != null) {
            OffsetDateTime afterRecorded = TimeBounds.utc(after.recordedAt());
            continuing = " AND (recorded_at > ? OR (recorded_at = ? AND global_position > ?))";
            parameters.addAll(List.of(afterRecorded, afterRecorded, after.globalPosition()));
        }
        parameters.add(limit + 1);
        List<Positioned> rows = jdbc.query("SELECT event_id, event_type, aggregate_id, effective_date, recorded_at,"
                        + " recorded_by, payload, retracted_by, retracted_at, global_position FROM history_entry"
                        + " WHERE number = ? AND recorded_at <= ? AND effective_date <= ?" + continuing
                        + " ORDER BY recorded_at, global_position LIMIT ?",
                (row, index) -> {
                    OffsetDateTime retractedAt = row.getObject("retracted_at", OffsetDateTime.class);
                    boolean retractionKnown = retractedAt != null && !retractedAt.isAfter(knownAt);
                    return new Positioned(new HistoryEntry(row.getString("event_id"), row.getString("event_type"),
                            row.getString("aggregate_id"), row.getObject("effective_date", LocalDate.class),
                            TimeBounds.instant(row.getObject("recorded_at", OffsetDateTime.class)),
                            row.getString("recorded_by"), EventJson.tree(row.getString("payload")),
                            retractionKnown ? row.getString("retracted_by") : null,
                            retractionKnown ? retractedAt.toInstant() : null), row.getLong("global_position"));
                }, parameters.toArray());
        Page<Positioned> page = Page.of(rows, limit,
                last -> new HistoryCursor(last.entry().recordedAt(), last.globalPosition()).token());
        return new Page<>(page.items().stream().map(Positioned::entry).toList(), page.nextAfter());
    }

    private record Positioned(HistoryEntry entry, long globalPosition) {
    }
}
