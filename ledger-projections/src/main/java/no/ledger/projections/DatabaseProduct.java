package no.ledger.projections;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/** Which database the service runs on, asked once of a connection: it does not change while the service runs. */
public final class DatabaseProduct {

    private DatabaseProduct() {
    }

    /** The database's product name in lower case ({@code postgresql}, {@code h2}), or {@code unknown}. */
    public static String of(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return of(connection);
        } catch (SQLException unreachable) {
            return "unknown";
        }
    }

    /** The product name of a connection already open. */
    public static String of(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    }

    public static boolean isPostgres(DataSource dataSource) {
        return isPostgres(of(dataSource));
    }

    public static boolean isPostgres(Connection connection) throws SQLException {
        return isPostgres(of(connection));
    }

    private static boolean isPostgres(String product) {
        return product.contains("postgres");
    }

    public static boolean isH2(DataSource dataSource) {
        return of(dataSource).equals("h2");
    }
}
