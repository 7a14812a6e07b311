package no.ledger.projections.timeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineRecorderTest {

    /** A timeline table in memory, keeping every row ever written. */
    static final class MemoryTable implements TimelineTable<String, String> {

        record Row(long id, String key, Segment<String> segment, OffsetDateTime recordedFrom,
                   OffsetDateTime recordedTo) {
        }

        final List<Row> rows = new ArrayList<>();

        @Override
        public List<StoredSegment<String>> currentSegments(String key) {
            return rows.stream().filter(row -> row.key().equals(key))
                    .filter(row -> row.recordedTo().equals(TimeBounds.OPEN_RECORDING))
                    .map(row -> new StoredSegment<>(row.id(), row.segment(), row.recordedFrom())).toList();
        }

        @Override
        public void close(List<Long> rowIds, OffsetDateTime recordedTo) {
            rows.replaceAll(row -> rowIds.contains(row.id())
                    ? new Row(row.id(), row.key(), row.segment(), row.recordedFrom(), recordedTo) : row);
        }

        @Override
        public void insert(String key, List<Segment<String>> segments, OffsetDateTime recordedFrom) {
            segments.forEach(segment -> rows.add(new Row(rows.size(), key, segment, recordedFrom,
                    TimeBounds.OPEN_RECORDING)));
        }

        String valueAt(String key, LocalDate asOf, Instant knownAt) {
            OffsetDateTime known = TimeBounds.utc(knownAt);
            return rows.stream().filter(row -> row.key().equals(key))
                    .filter(row -> !row.recordedFrom().isAfter(known) && row.recordedTo().isAfter(known))
                    .filter(row -> row.segment().covers(asOf))
                    .map(row -> row.segment().value()).findFirst().orElse(null);
        }
    }

    private static final LocalDate JUNE = LocalDate.of(2020, 6, 1);
    private static final LocalDate SEPTEMBER = LocalDate.of(2020, 9, 1);
    private static final Instant FIRST = Instant.parse("2020-06-02T10:00:00Z");
    private static final Instant SECOND = Instant.parse("2020-09-02T10:00:00Z");
    private static final Instant THIRD = Instant.parse("2020-10-02T10:00:00Z");

    @Test
    void keepsWhatWasKnownAndAddsWhatIsKnownNow() {
        MemoryTable table = new MemoryTable();
        TimelineRecorder.record(table, "0301", List.of(new Segment<>(JUNE, TimeBounds.OPEN_DATE, "SIGNED")), FIRST);
        TimelineRecorder.record(table, "0301", List.of(new Segment<>(JUNE, SEPTEMBER, "SIGNED"),
                new Segment<>(SEPTEMBER, TimeBounds.OPEN_DATE, "WITHDRAWN")), SECOND);

        assertThat(table.valueAt("0301", SEPTEMBER, FIRST)).isEqualTo("SIGNED");
        assertThat(table.valueAt("0301", SEPTEMBER, SECOND)).isEqualTo("WITHDRAWN");
        assertThat(table.valueAt("0301", JUNE, SECOND)).isEqualTo("SIGNED");
        assertThat(table.valueAt("0301", JUNE.minusDays(1), SECOND)).isNull();
        assertThat(table.valueAt("0301", JUNE, FIRST.minusSeconds(1))).isNull();
        assertThat(table.rows).hasSize(3);
    }

    @Test
    void unchangedSegmentsStayAsTheyWere() {
        MemoryTable table = new MemoryTable();
        List<Segment<String>> timeline = List.of(new Segment<>(JUNE, TimeBounds.OPEN_DATE, "SIGNED"));
        TimelineRecorder.record(table, "0301", timeline, FIRST);
        TimelineRecorder.record(table, "0301", timeline, SECOND);

        assertThat(table.rows).hasSize(1);
        assertThat(table.rows.get(0).recordedTo()).isEqualTo(TimeBounds.OPEN_RECORDING);
    }

    @Test
    void aRetractionEmptiesTheTimelineFromItsRecordingOn() {
        MemoryTable table = new MemoryTable();
        TimelineRecorder.record(table, "0301", List.of(new Segment<>(JUNE, TimeBounds.OPEN_DATE, "SIGNED")), FIRST);
        TimelineRecorder.record(table, "0301", List.of(), THIRD);

        assertThat(table.valueAt("0301", SEPTEMBER, SECOND)).isEqualTo("SIGNED");
        assertThat(table.valueAt("0301", SEPTEMBER, THIRD)).isNull();
    }

    @Test
    void aClockBehindTheLastRecordingNeverClosesARowBeforeItBegan() {
        MemoryTable table = new MemoryTable();
        TimelineRecorder.record(table, "0301", List.of(new Segment<>(JUNE, TimeBounds.OPEN_DATE, "SIGNED")), SECOND);
        TimelineRecorder.record(table, "0301", List.of(new Segment<>(JUNE, TimeBounds.OPEN_DATE, "WITHDRAWN")),
                FIRST);

        assertThat(table.rows.get(0).recordedTo()).isEqualTo(TimeBounds.utc(SECOND));
        assertThat(table.valueAt("0301", SEPTEMBER, SECOND)).isEqualTo("WITHDRAWN");
    }
}
