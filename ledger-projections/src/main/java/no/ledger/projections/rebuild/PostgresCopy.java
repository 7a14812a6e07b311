package no.ledger.projections.rebuild;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;

/**
 * Rows sent with PostgreSQL's {@code COPY ... FROM STDIN}: one round trip for thousands of rows and no parameters to
 * bind, the fastest way into a table short of writing its files. In the binary format ({@link CopyBinary}), which
 * PostgreSQL stores without parsing, where the rows' types allow; else in the text format ({@link CopyText}). Only
 * loaded on PostgreSQL.
 *
 * <p>In the background, a copy is sent by a thread of its own while the caller folds and formats the next rows, so
 * that PostgreSQL stores one batch while the rebuild prepares the next. The connection does one thing at a time:
 * every other use of it must wait for the copy under way ({@link #awaitSent()}).
 */
final class PostgresCopy implements AutoCloseable {

    /** Rows a table gathers before they are sent. */
    static final int ROWS_PER_COPY = 5_000;

    private final CopyManager copyManager;
    private final ExecutorService sender;
    /** Rows being formatted, and rows being sent, in each format: swapped after each send. */
    private CopyBinary formattingBinary = new CopyBinary();
    private CopyBinary sendingBinary = new CopyBinary();
    private CopyText formattingText = new CopyText();
    private CopyText sendingText = new CopyText();
    private Future<?> underWay = CompletableFuture.completedFuture(null);

    /** {@code inBackground}: copies sent by a thread of their own; else by the caller, each before it returns. */
    PostgresCopy(Connection connection, boolean inBackground) throws SQLException {
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
        this.sender = !inBackground ? null : Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "read-model-copy-sender");
            thread.setDaemon(true);
            return thread;
        });
    }

    static boolean isPostgres(Connection connection) {
        try {
            return connection.isWrapperFor(Class.forName("org.postgresql.PGConnection"));
        } catch (ClassNotFoundException | SQLException noDriver) {
            return false;
        }
    }

    /** Formats the rows and hands them to the sender once the copy before has ended. */
    void copy(String table, List<String> columns, List<Object[]> rows) throws SQLException {
        boolean binary = formatted(formattingBinary, rows);
        CopyFormat rowsToSend = binary ? formattingBinary : formattingText;
        if (!binary) {
            formatted(rowsToSend, rows);
        }
        awaitSent();
        String sql = "COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN"
                + (binary ? " WITH (FORMAT binary)" : "");
        if (sender == null) {
            send(sql, rowsToSend);
            return;
        }
        underWay = sender.submit(() -> {
            send(sql, rowsToSend);
            return null;
        });
        if (binary) {
            formattingBinary = sendingBinary;
            sendingBinary = (CopyBinary) rowsToSend;
        } else {
            formattingText = sendingText;
            sendingText = (CopyText) rowsToSend;
        }
    }

    /** Formats the rows; false if a value has no form in the binary format (the text format has one for all). */
    private static boolean formatted(CopyFormat format, List<Object[]> rows) {
        format.reset();
        try {
            for (Object[] row : rows) {
                format.row(row);
            }
        } catch (CopyBinary.Unwritable unwritable) {
            return false;
        }
        format.end();
        return true;
    }

    private void send(String sql, CopyFormat rows) throws SQLException {
        CopyIn copy = copyManager.copyIn(sql);
        try {
            copy.writeToCopy(rows.bytes(), 0, rows.length());
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /** Waits until the copy under way, if any, has ended; its failure is thrown here. */
    void awaitSent() throws SQLException {
        try {
            underWay.get();
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof SQLException sql ? sql
                    : new SQLException("could not copy rows", failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while copying rows", interrupted);
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            awaitSent();
        } finally {
            if (sender != null) {
                sender.shutdown();
            }
        }
    }
}
