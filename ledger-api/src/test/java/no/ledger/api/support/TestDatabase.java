package no.ledger.api.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A database of its own for each test context: an in-memory H2 database by default, or, when the build runs with
 * {@code -Ppostgres} ({@code ledger.test.database=postgres}), a fresh schema in the real PostgreSQL server, which
 * is dropped when the context closes. A PostgreSQL that cannot be reached fails the tests; it never skips them.
 */
public final class TestDatabase {

    static final String POSTGRES_URL = System.getProperty("ledger.test.postgres.url",
            "jdbc:postgresql://127.0.0.1:5432/test");
    static final String POSTGRES_USER = System.getProperty("ledger.test.postgres.user", "postgres");
    static final String POSTGRES_PASSWORD = System.getProperty("ledger.test.postgres.password", "");

    private TestDatabase() {
    }

    public static boolean onPostgres() {
        return "postgres".equals(System.getProperty("ledger.test.database"));
    }

    /** Spring properties of a new, empty database (or schema) that nothing else uses. */
    public static Map<String, String> fresh() {
        String name = "ledger_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Map<String, String> properties = new LinkedHashMap<>();
        // Spring keeps many test contexts alive at once: each may hold a few connections while idle, not a full pool,
        // or together they exhaust PostgreSQL's 100.
        properties.put("spring.datasource.hikari.maximum-pool-size", "8");
        properties.put("spring.datasource.hikari.minimum-idle", "1");
        properties.put("spring.datasource.hikari.idle-timeout", "10000");
        if (onPostgres()) {
            requirePostgres();
            properties.put("spring.datasource.url", POSTGRES_URL + "?currentSchema=" + name);
            properties.put("spring.datasource.username", POSTGRES_USER);
            properties.put("spring.datasource.password", POSTGRES_PASSWORD);
            properties.put("spring.flyway.schemas", name);
            properties.put("spring.flyway.default-schema", name);
            properties.put("ledger.test.schema", name);
        } else {
            properties.put("spring.datasource.url", "jdbc:h2:mem:" + name
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        }
        return properties;
    }

    /**
     * Properties of a PostgreSQL schema that exists already, such as one a benchmark kept
     * ({@code -Dbenchmark.keep=true}) with a long history in it; it is not dropped afterwards.
     */
    public static Map<String, String> existingPostgresSchema(String name) {
        requirePostgres();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", POSTGRES_URL + "?currentSchema=" + name);
        properties.put("spring.datasource.username", POSTGRES_USER);
        properties.put("spring.datasource.password", POSTGRES_PASSWORD);
        properties.put("spring.flyway.schemas", name);
        properties.put("spring.flyway.default-schema", name);
        return properties;
    }

    /**
     * Like {@link #fresh()}, but reachable from other JVMs as well: on H2, a database file that the first process to
     * open it serves to the others (H2's automatic mixed mode).
     */
    public static Map<String, String> freshForSeveralProcesses() {
        if (onPostgres()) {
            return fresh();
        }
        Path file = Path.of(System.getProperty("java.io.tmpdir"), "ledger-test-"
                + UUID.randomUUID().toString().substring(0, 12), "ledger");
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", "jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;MODE=PostgreSQL;"
                + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        return properties;
    }

    private static void requirePostgres() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            // reachable
        } catch (SQLException unreachable) {
            throw new IllegalStateException("The tests run on PostgreSQL (-Ppostgres) but " + POSTGRES_URL
                    + " cannot be reached as " + POSTGRES_USER + ": " + unreachable.getMessage()
                    + ". Start it (pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start)"
                    + " or run .ci/run, which does.", unreachable);
        }
    }

    /** Drops a schema that {@link #fresh()} made, from outside a Spring context. */
    public static void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD)) {
            connection.createStatement().execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    /** Drops a test context's PostgreSQL schema when the context closes. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class SchemaCleanup {

        @Bean(destroyMethod = "drop")
        SchemaDropper schemaDropper(DataSource dataSource, @Value("${ledger.test.schema:}") String schema) {
            return new SchemaDropper(new JdbcTemplate(dataSource), schema);
        }
    }

    record SchemaDropper(JdbcTemplate jdbc, String schema) {

        public void drop() {
            if (!schema.isEmpty()) {
                jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }
}
