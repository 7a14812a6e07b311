package no.ledger.projections.timeline;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns of a bitemporal table (key columns, the four time columns, value columns) and how a key and a value
 * become column values. The live projections write through it one change at a time ({@link JdbcTimelineTable}); a
 * rebuild writes whole timelines at once with the same columns.
 */
public abstract class TimelineColumns<K, V> {

    private final String table;
    private final List<String> keyColumns;
    private final List<String> valueColumns;

    protected TimelineColumns(String table, List<String> keyColumns, List<String> valueColumns) {
        this.table = table;
        this.keyColumns = List.copyOf(keyColumns);
        this.valueColumns = List.copyOf(valueColumns);
    }

    protected abstract Object[] keyParameters(K key);

    protected abstract Object[] valueParameters(V value);

    protected abstract V readValue(ResultSet row) throws SQLException;

    public String table() {
        return table;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    public List<String> valueColumns() {
        return valueColumns;
    }

    /** Every column a row is written with (the row id is the table's own), in the order of {@link #row}. */
    public List<String> insertColumns() {
        List<String> columns = new ArrayList<>(keyColumns);
        columns.addAll(List.of("valid_from", "valid_to", "recorded_from", "recorded_to"));
        columns.addAll(valueColumns);
        return columns;
    }

    /** A row's column values, in the order of {@link #insertColumns}. */
    public Object[] row(K key, Segment<V> segment, OffsetDateTime recordedFrom, OffsetDateTime recordedTo) {
        Object[] keys = keyParameters(key);
        Object[] values = valueParameters(segment.value());
        Object[] row = new Object[keys.length + 4 + values.length];
        System.arraycopy(keys, 0, row, 0, keys.length);
        row[keys.length] = segment.validFrom();
        row[keys.length + 1] = segment.validTo();
        row[keys.length + 2] = recordedFrom;
        row[keys.length + 3] = recordedTo;
        System.arraycopy(values, 0, row, keys.length + 4, values.length);
        return row;
    }

    V value(ResultSet row) throws SQLException {
        return readValue(row);
    }
}
