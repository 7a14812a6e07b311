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
            return connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        } catch (SQLException unreachable) {
            return "unknown";
        }
    }

    public static boolean isPostgres(DataSource dataSource) {
        return of(dataSource).contains("postgres");
    }

    public static boolean isH2(DataSource dataSource) {
        return of(dataSource).equals("h2");
    }
}
