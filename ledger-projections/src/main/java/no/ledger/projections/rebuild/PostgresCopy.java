package no.ledger.projections.rebuild;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Rows sent with PostgreSQL's {@code COPY ... FROM STDIN} in its text format: one round trip for thousands of rows and
 * no parameters to bind, the fastest way into a table short of writing its files. Only loaded on PostgreSQL.
 */
final class PostgresCopy {

    /** Rows a table gathers before they are sent. */
    static final int ROWS_PER_COPY = 5_000;

    private final CopyManager copyManager;
    private final StringBuilder text = new StringBuilder(1 << 20);

    PostgresCopy(Connection connection) throws SQLException {
        this.copyManager = connection.unwrap(PGConnection.class).getCopyAPI();
    }

    static boolean isPostgres(Connection connection) {
        try {
            return connection.isWrapperFor(Class.forName("org.postgresql.PGConnection"));
        } catch (ClassNotFoundException | SQLException noDriver) {
            return false;
        }
    }

    void copy(String table, List<String> columns, List<Object[]> rows) throws SQLException {
        text.setLength(0);
        for (Object[] row : rows) {
            for (int column = 0; column < row.length; column++) {
                if (column > 0) {
                    text.append('\t');
                }
                append(row[column]);
            }
            text.append('\n');
        }
        try {
            copyManager.copyIn("COPY " + table + " (" + String.join(", ", columns) + ") FROM STDIN",
                    new StringReader(text.toString()));
        } catch (IOException unreadable) {
            throw new SQLException("could not copy rows into " + table, unreadable);
        }
    }

    /** A value in COPY's text format: {@code \N} for null, escapes for the separators, ISO dates and instants. */
    private void append(Object value) {
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof Boolean flag) {
            text.append(flag ? 't' : 'f');
        } else if (value instanceof BigDecimal decimal) {
            text.append(decimal.toPlainString());
        } else if (value instanceof String string) {
            for (int index = 0; index < string.length(); index++) {
                char character = string.charAt(index);
                switch (character) {
                    case '\\' -> text.append("\\\\");
                    case '\t' -> text.append("\\t");
                    case '\n' -> text.append("\\n");
                    case '\r' -> text.append("\\r");
                    default -> text.append(character);
                }
            }
        } else {
            // Numbers, LocalDate and OffsetDateTime: their ISO forms, which PostgreSQL reads as they are.
            text.append(value);
        }
    }
}
