package no.ledger.projections.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes folded rows into a rebuild's copies of the read model tables, many rows at a time where the live projections
 * send one statement an event: on PostgreSQL with {@code COPY} ({@link PostgresCopy}), elsewhere with multi-row
 * INSERTs of up to a thousand rows.
 */
final class CopyWriter implements AutoCloseable {

    /** PostgreSQL takes at most 32,767 parameters in a statement. */
    private static final int MAX_PARAMETERS = 30_000;
    private static final int MAX_ROWS_PER_STATEMENT = 1_000;

    private record Target(ReadModelTable table, List<String> columns) {
    }

    private final Connection connection;
    private final String suffix;
    private final Map<Target, List<Object[]>> pending = new HashMap<>();
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private long pendingRows;
    private long written;

    private final PostgresCopy copy;
    /** On PostgreSQL, with a second connection: the copies of {@link ReadModelTables#SECOND_LANE}; else null. */
    private final Connection secondConnection;
    private final PostgresCopy secondCopy;

    /**
     * {@code inBackground}: on PostgreSQL, rows are copied by a thread of their own while the caller goes on; the
     * caller then uses the connection only through this writer ({@link #commit()}) until it is closed.
     */
    CopyWriter(Connection connection, String suffix, boolean inBackground) throws SQLException {
        this(connection, null, suffix, inBackground);
    }

    /**
     * With a {@code secondConnection} (on PostgreSQL, in the background), the tables of
     * {@link ReadModelTables#SECOND_LANE} are copied over it: two backends store rows at once. Both connections
     * commit together ({@link #commit()}).
     */
    CopyWriter(Connection connection, Connection secondConnection, String suffix, boolean inBackground)
            throws SQLException {
        this.connection = connection;
        this.suffix = suffix;
        boolean postgres = PostgresCopy.isPostgres(connection);
        this.copy = postgres ? new PostgresCopy(connection, inBackground) : null;
        boolean twoLanes = postgres && inBackground && secondConnection != null;
        this.secondConnection = twoLanes ? secondConnection : null;
        this.secondCopy = twoLanes ? new PostgresCopy(secondConnection, true) : null;
    }

    /** Queues the rows of the tables in {@code groups} (all tables when null); full statements are sent at once. */
    void add(FoldedRows rows, java.util.Set<String> groups) throws SQLException {
        for (FoldedRows.TableRows table : rows.tables()) {
            if (groups != null && !groups.contains(table.table().group())) {
                continue;
            }
            Target target = new Target(table.table(), table.columns());
            List<Object[]> queue = pending.computeIfAbsent(target, ignored -> new ArrayList<>());
            queue.addAll(table.rows());
            pendingRows += table.rows().size();
            int perStatement = rowsPerStatement(target);
            if (queue.size() >= perStatement) {
                send(target, queue, queue.size() / perStatement * perStatement);
            }
        }
    }

    /** Deletes what the copies hold under the folded rows' keys, for a fold that replaces an earlier one. */
    void delete(FoldedRows rows, java.util.Set<String> groups) throws SQLException {
        flush();
        for (FoldedRows.Key key : rows.keys()) {
            if (groups != null && !groups.contains(key.table().group())) {
                continue;
            }
            String sql = "DELETE FROM " + key.table().copy(suffix) + " WHERE " + key.columns().stream()
                    .map(column -> column + " = ?").collect(Collectors.joining(" AND "));
            PreparedStatement delete = statement(sql);
            for (int index = 0; index < key.values().size(); index++) {
                delete.setObject(index + 1, key.values().get(index));
            }
            delete.executeUpdate();
        }
    }

    /** Sends every queued row, and waits until it is written. */
    void flush() throws SQLException {
        for (Map.Entry<Target, List<Object[]>> queued : pending.entrySet()) {
            send(queued.getKey(), queued.getValue(), queued.getValue().size());
        }
        awaitSent();
    }

    /** Commits what was written so far, once the copies under way have ended. */
    void commit() throws SQLException {
        awaitSent();
        connection.commit();
        if (secondConnection != null) {
            secondConnection.commit();
        }
    }

    private void awaitSent() throws SQLException {
        if (copy != null) {
            copy.awaitSent();
        }
        if (secondCopy != null) {
            secondCopy.awaitSent();
        }
    }

    long pendingRows() {
        return pendingRows;
    }

    long written() {
        return written;
    }

    @Override
    public void close() throws SQLException {
        try {
            if (copy != null) {
                copy.close();
            }
        } finally {
            if (secondCopy != null) {
                secondCopy.close();
            }
            closeStatements();
        }
    }

    private void closeStatements() throws SQLException {
        for (PreparedStatement statement : statements.values()) {
            statement.close();
        }
        statements.clear();
    }

    private void send(Target target, List<Object[]> queue, int limit) throws SQLException {
        if (copy != null) {
            PostgresCopy lane = secondCopy != null && ReadModelTables.SECOND_LANE.contains(target.table()) ? secondCopy
                    : copy;
            lane.copy(target.table().copy(suffix), target.columns(), queue.subList(0, limit));
            queue.subList(0, limit).clear();
            pendingRows -= limit;
            written += limit;
            return;
        }
        int perStatement = rowsPerStatement(target);
        int sent = 0;
        while (sent < limit && queue.size() - sent > 0) {
            int count = Math.min(perStatement, queue.size() - sent);
            PreparedStatement insert = statement(insertSql(target, count));
            int parameter = 1;
            for (int row = sent; row < sent + count; row++) {
                for (Object value : queue.get(row)) {
                    if (value == null) {
                        insert.setNull(parameter++, Types.NULL);
                    } else {
                        insert.setObject(parameter++, value);
                    }
                }
            }
            insert.executeUpdate();
            sent += count;
        }
        queue.subList(0, sent).clear();
        pendingRows -= sent;
        written += sent;
    }

    private int rowsPerStatement(Target target) {
        return copy != null ? PostgresCopy.ROWS_PER_COPY
                : Math.min(MAX_ROWS_PER_STATEMENT, MAX_PARAMETERS / target.columns().size());
    }

    private String insertSql(Target target, int rows) {
        String row = "(" + String.join(", ", Collections.nCopies(target.columns().size(), "?")) + ")";
        return "INSERT INTO " + target.table().copy(suffix) + " (" + String.join(", ", target.columns())
                + ") VALUES " + String.join(", ", Collections.nCopies(rows, row));
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            // Statements of a partial batch differ in length each time: keep only the full ones for reuse.
            if (statements.size() > 64) {
                closeStatements();
            }
            statement = connection.prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }
}
