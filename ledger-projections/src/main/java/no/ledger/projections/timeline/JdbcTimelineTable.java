package no.ledger.projections.timeline;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/** A {@link TimelineTable} in SQL, changed one key at a time as the live projections fold each event. */
public final class JdbcTimelineTable<K, V> implements TimelineTable<K, V> {

    private final JdbcTemplate jdbc;
    private final TimelineColumns<K, V> columns;
    private final String selectCurrent;
    private final String close;
    private final String insert;

    public JdbcTimelineTable(JdbcTemplate jdbc, TimelineColumns<K, V> columns) {
        this.jdbc = jdbc;
        this.columns = columns;
        String table = columns.table();
        String keyCondition = columns.keyColumns().stream().map(column -> column + " = ?")
                .collect(Collectors.joining(" AND "));
        this.selectCurrent = "SELECT row_id, valid_from, valid_to, recorded_from, "
                + String.join(", ", columns.valueColumns()) + " FROM " + table + " WHERE " + keyCondition
                + " AND recorded_to = ?";
        this.close = "UPDATE " + table + " SET recorded_to = ? WHERE row_id = ?";
        List<String> insertColumns = columns.insertColumns();
        this.insert = "INSERT INTO " + table + " (" + String.join(", ", insertColumns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(insertColumns.size(), "?")) + ")";
    }

    @Override
    public List<StoredSegment<V>> currentSegments(K key) {
        Object[] keys = columns.keyParameters(key);
        Object[] parameters = new Object[keys.length + 1];
        System.arraycopy(keys, 0, parameters, 0, keys.length);
        parameters[keys.length] = TimeBounds.OPEN_RECORDING;
        return jdbc.query(selectCurrent, (row, index) -> new StoredSegment<>(row.getLong("row_id"),
                new Segment<>(row.getObject("valid_from", LocalDate.class), row.getObject("valid_to", LocalDate.class),
                        columns.value(row)),
                row.getObject("recorded_from", OffsetDateTime.class)), parameters);
    }

    @Override
    public void close(List<Long> rowIds, OffsetDateTime recordedTo) {
        jdbc.batchUpdate(close, rowIds.stream().map(id -> new Object[] {recordedTo, id}).toList());
    }

    @Override
    public void insert(K key, List<Segment<V>> segments, OffsetDateTime recordedFrom) {
        List<Object[]> rows = new ArrayList<>(segments.size());
        for (Segment<V> segment : segments) {
            rows.add(columns.row(key, segment, recordedFrom, TimeBounds.OPEN_RECORDING));
        }
        jdbc.batchUpdate(insert, rows);
    }
}
