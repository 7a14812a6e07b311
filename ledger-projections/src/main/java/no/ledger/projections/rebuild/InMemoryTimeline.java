package no.ledger.projections.rebuild;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import no.ledger.projections.timeline.Segment;
import no.ledger.projections.timeline.TimeBounds;
import no.ledger.projections.timeline.TimelineColumns;
import no.ledger.projections.timeline.TimelineTable;

/**
 * One aggregate's bitemporal rows kept in memory while its events are folded, with the live projections' own
 * {@link no.ledger.projections.timeline.TimelineRecorder}, then written at once. Row ids are positions in the list.
 */
final class InMemoryTimeline<K, V> implements TimelineTable<K, V> {

    private static final class Row<K, V> {
        final K key;
        final Segment<V> segment;
        final OffsetDateTime recordedFrom;
        OffsetDateTime recordedTo = TimeBounds.OPEN_RECORDING;

        Row(K key, Segment<V> segment, OffsetDateTime recordedFrom) {
            this.key = key;
            this.segment = segment;
            this.recordedFrom = recordedFrom;
        }
    }

    private final TimelineColumns<K, V> columns;
    private final List<Row<K, V>> rows = new ArrayList<>();

    InMemoryTimeline(TimelineColumns<K, V> columns) {
        this.columns = columns;
    }

    @Override
    public List<StoredSegment<V>> currentSegments(K key) {
        List<StoredSegment<V>> current = new ArrayList<>();
        for (int index = 0; index < rows.size(); index++) {
            Row<K, V> row = rows.get(index);
            if (row.key.equals(key) && row.recordedTo.equals(TimeBounds.OPEN_RECORDING)) {
                current.add(new StoredSegment<>(index, row.segment, row.recordedFrom));
            }
        }
        return current;
    }

    @Override
    public void close(List<Long> rowIds, OffsetDateTime recordedTo) {
        for (long id : rowIds) {
            rows.get((int) id).recordedTo = recordedTo;
        }
    }

    @Override
    public void insert(K key, List<Segment<V>> segments, OffsetDateTime recordedFrom) {
        for (Segment<V> segment : segments) {
            rows.add(new Row<>(key, segment, recordedFrom));
        }
    }

    void writeTo(FoldedRows out, ReadModelTable table) {
        for (Row<K, V> row : rows) {
            out.add(table, columns.insertColumns(), columns.row(row.key, row.segment, row.recordedFrom,
                    row.recordedTo));
        }
    }
}
