package no.ledger.projections.timeline;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Records a key's new timeline as of the instant a change was recorded: rows that no longer hold are closed, new
 * rows are added, unchanged rows stay as they are. Rebuilding from the same events in the same order gives the same
 * rows, because the instant is the event's recorded time, never the time of processing.
 */
public final class TimelineRecorder {

    private TimelineRecorder() {
    }

    public static <K, V> void record(TimelineTable<K, V> table, K key, List<Segment<V>> timeline,
                                     Instant recordedAt) {
        List<TimelineTable.StoredSegment<V>> current = table.currentSegments(key);
        OffsetDateTime at = TimeBounds.utc(recordedAt);
        // Clocks of several instances may disagree a little: never close a row before it was recorded.
        for (TimelineTable.StoredSegment<V> row : current) {
            if (row.recordedFrom().isAfter(at)) {
                at = row.recordedFrom();
            }
        }
        Set<Segment<V>> toAdd = new LinkedHashSet<>(timeline);
        List<Long> toClose = new ArrayList<>();
        for (TimelineTable.StoredSegment<V> row : current) {
            if (!toAdd.remove(row.segment())) {
                toClose.add(row.rowId());
            }
        }
        if (!toClose.isEmpty()) {
            table.close(toClose, at);
        }
        if (!toAdd.isEmpty()) {
            table.insert(key, List.copyOf(toAdd), at);
        }
    }
}
