package no.ledger.api.config;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import javax.sql.DataSource;
import no.ledger.projections.DatabaseProduct;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The transactions that are writing to the database and have not ended, as the database itself shows them: what
 * may still commit events into a hole of the global order. The caller's own transaction does not count.
 */
@Component
public class OpenWrites {

    /** What a database that cannot tell answers: as if a transaction had been open forever. */
    static final Optional<Instant> OPEN_FOREVER = Optional.of(Instant.EPOCH);
    private static final int H2_ATTEMPTS = 3;

    private final JdbcTemplate jdbc;
    private final String database;

    public OpenWrites(JdbcTemplate jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.database = DatabaseProduct.of(dataSource);
    }

    /**
     * When the oldest open writing transaction began, by the database's clock; empty when none is open. On H2,
     * which does not tell when a transaction began, the start of its session: earlier still.
     */
    public Optional<Instant> oldestStart() {
        if (isPostgres()) {
            // backend_xid: the transaction has written something. Instances that share one role see each other's.
            OffsetDateTime start = jdbc.queryForObject("SELECT MIN(xact_start) FROM pg_stat_activity"
                    + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    + " AND backend_xid IS NOT NULL", OffsetDateTime.class);
            return Optional.ofNullable(start).map(OffsetDateTime::toInstant);
        }
        if (database.contains("h2")) {
            return oldestH2SessionWithUncommittedWrites();
        }
        return OPEN_FOREVER;
    }

    /**
     * H2 2.3 at times fails to list its sessions with an internal NullPointerException, when a session is being
     * opened or closed at that moment (seen during a rebuild's switch-over). Asked again, it answers; if it keeps
     * failing, the cautious answer.
     */
    private Optional<Instant> oldestH2SessionWithUncommittedWrites() {
        for (int attempt = 1; attempt <= H2_ATTEMPTS; attempt++) {
            try {
                OffsetDateTime start = jdbc.queryForObject("SELECT MIN(session_start) FROM"
                        + " information_schema.sessions WHERE contains_uncommitted AND session_id <> SESSION_ID()",
                        OffsetDateTime.class);
                return Optional.ofNullable(start).map(OffsetDateTime::toInstant);
            } catch (UncategorizedSQLException sessionsInFlux) {
                // asked again
            }
        }
        return OPEN_FOREVER;
    }

    /** Whether a writing transaction other than the caller's, begun before the instant, is still open. */
    public boolean anyBegunBefore(Instant instant) {
        return oldestStart().map(start -> start.isBefore(instant)).orElse(false);
    }

    /** Now by the database's clock, to compare with {@link #oldestStart()}; H2 runs in this JVM, on its clock. */
    public Instant databaseNow() {
        if (isPostgres()) {
            return jdbc.queryForObject("SELECT clock_timestamp()", OffsetDateTime.class).toInstant();
        }
        return Instant.now();
    }

    private boolean isPostgres() {
        return database.contains("postgres");
    }
}
