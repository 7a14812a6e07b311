package no.ledger.projections.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A {@link TimelineTable} in SQL: key columns, the four time columns, and value columns. Subclasses say which
 * columns and how a value is written and read.
 */
public abstract class JdbcTimelineTable<K, V> implements TimelineTable<K, V> {

    private final JdbcTemplate jdbc;
    private final String selectCurrent;
    private final String close;
    private final String insert;

    protected JdbcTimelineTable(JdbcTemplate jdbc, String table, List<String> keyColumns,
                                List<String> valueColumns) {
        this.jdbc = jdbc;
        String keyCondition = keyColumns.stream().map(column -> column + " = ?")
                .collect(Collectors.joining(" AND "));
        this.selectCurrent = "SELECT row_id, valid_from, valid_to, recorded_from, " + String.join(", ", valueColumns)
                + " FROM " + table + " WHERE " + keyCondition + " AND recorded_to = ?";
        this.close = "UPDATE " + table + " SET recorded_to = ? WHERE row_id = ?";
        List<String> insertColumns = new ArrayList<>(keyColumns);
        insertColumns.addAll(List.of("valid_from", "valid_to", "recorded_from", "recorded_to"));
        insertColumns.addAll(valueColumns);
        this.insert = "INSERT INTO " + table + " (" + String.join(", ", insertColumns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(insertColumns.size(), "?")) + ")";
    }

    protected abstract Object[] keyParameters(K key);

    protected abstract Object[] valueParameters(V value);

    protected abstract V readValue(ResultSet row) throws SQLException;

    @Override
    public List<StoredSegment<V>> currentSegments(K key) {
        Object[] keys = keyParameters(key);
        Object[] parameters = new Object[keys.length + 1];
        System.arraycopy(keys, 0, parameters, 0, keys.length);
        parameters[keys.length] = TimeBounds.OPEN_RECORDING;
        return jdbc.query(selectCurrent, (row, index) -> new StoredSegment<>(row.getLong("row_id"),
                new Segment<>(row.getObject("valid_from", LocalDate.class), row.getObject("valid_to", LocalDate.class),
                        readValue(row)),
                row.getObject("recorded_from", OffsetDateTime.class)), parameters);
    }

    @Override
    public void close(List<Long> rowIds, OffsetDateTime recordedTo) {
        jdbc.batchUpdate(close, rowIds.stream().map(id -> new Object[] {recordedTo, id}).toList());
    }

    @Override
    public void insert(K key, List<Segment<V>> segments, OffsetDateTime recordedFrom) {
        Object[] keys = keyParameters(key);
        List<Object[]> rows = new ArrayList<>(segments.size());
        for (Segment<V> segment : segments) {
            Object[] values = valueParameters(segment.value());
            Object[] row = new Object[keys.length + 4 + values.length];
            System.arraycopy(keys, 0, row, 0, keys.length);
            row[keys.length] = segment.validFrom();
            row[keys.length + 1] = segment.validTo();
            row[keys.length + 2] = recordedFrom;
            row[keys.length + 3] = TimeBounds.OPEN_RECORDING;
            System.arraycopy(values, 0, row, keys.length + 4, values.length);
            rows.add(row);
        }
        jdbc.batchUpdate(insert, rows);
    }
}
