package no.ledger.projections.rebuild;

import java.util.ArrayList;
import java.util.List;

/**
 * The rows that an aggregate's events fold into, table by table, and the keys they are stored under, so that a
 * later fold of the same aggregate (with more of its events) can replace them.
 */
final class FoldedRows {

    /** Rows of one table, all written with the same columns. */
    record TableRows(ReadModelTable table, List<String> columns, List<Object[]> rows) {
    }

    /** The rows of {@code table} whose {@code columns} hold {@code values} all come from this aggregate. */
    record Key(ReadModelTable table, List<String> columns, List<Object> values) {
    }

    private final List<TableRows> tables = new ArrayList<>();
    private final List<Key> keys = new ArrayList<>();

    void add(ReadModelTable table, List<String> columns, Object[] row) {
        for (TableRows rows : tables) {
            if (rows.table() == table && rows.columns().equals(columns)) {
                rows.rows().add(row);
                return;
            }
        }
        List<Object[]> rows = new ArrayList<>();
        rows.add(row);
        tables.add(new TableRows(table, columns, rows));
    }

    void key(ReadModelTable table, List<String> columns, Object... values) {
        Key key = new Key(table, columns, List.of(values));
        if (!keys.contains(key)) {
            keys.add(key);
        }
    }

    List<TableRows> tables() {
        return tables;
    }

    List<Key> keys() {
        return keys;
    }
}
