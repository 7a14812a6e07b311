package no.ledger.projections.timeline;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A bitemporal table holding, per key (a participation, a municipality, a company), a set of segments. Rows are
 * only ever added and closed in system time, never changed otherwise or deleted.
 *
 * @param <K> what the segments are of
 * @param <V> the value a segment holds
 */
public interface TimelineTable<K, V> {

    /** The rows of the key that the ledger holds true now (recorded_to open). */
    List<StoredSegment<V>> currentSegments(K key);

    /** Ends the rows' recording at the instant: from then on, the ledger no longer holds them true. */
    void close(List<Long> rowIds, OffsetDateTime recordedTo);

    /** Adds rows recorded from the instant on. */
    void insert(K key, List<Segment<V>> segments, OffsetDateTime recordedFrom);

    /** A current row and its id. */
    record StoredSegment<V>(long rowId, Segment<V> segment, OffsetDateTime recordedFrom) {
    }
}
