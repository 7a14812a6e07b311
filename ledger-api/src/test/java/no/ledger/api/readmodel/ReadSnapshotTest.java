package no.ledger.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.sql.DataSource;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.projections.ReadSnapshot;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * A read snapshot sees no commit made after its first read, in any table: the populations in memory and the
 * participations they are joined with are read again in one when a count changes (see {@code PopulationInForce}).
 * On H2, {@code REPEATABLE READ} would fail this: it fixes each table only at its own first read.
 */
class ReadSnapshotTest extends LedgerIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aTableReadAfterAnotherShowsNothingCommittedSinceTheFirstRead() throws Exception {
        String versions = unique("snapshot_version").replace('-', '_');
        String rows = unique("snapshot_row").replace('-', '_');
        jdbc.execute("CREATE TABLE " + versions + " (version BIGINT NOT NULL)");
        jdbc.execute("CREATE TABLE " + rows + " (version BIGINT NOT NULL)");
        try {
            jdbc.update("INSERT INTO " + versions + " (version) VALUES (1)");
            jdbc.update("INSERT INTO " + rows + " (version) VALUES (1)");

            List<Long> seen = ReadSnapshot.template(transactions, dataSource).execute(transaction -> {
                long version = jdbc.queryForObject("SELECT version FROM " + versions, Long.class);
                // Another connection raises the version and adds its row, in one transaction, and commits.
                CompletableFuture.runAsync(() -> nextVersion(versions, rows)).join();
                long newestRow = jdbc.queryForObject("SELECT MAX(version) FROM " + rows, Long.class);
                long versionAgain = jdbc.queryForObject("SELECT version FROM " + versions, Long.class);
                return List.of(version, newestRow, versionAgain);
            });

            assertThat(seen).as("version, newest row, version again").containsExactly(1L, 1L, 1L);
            assertThat(jdbc.queryForObject("SELECT MAX(version) FROM " + rows, Long.class)).isEqualTo(2L);
        } finally {
            jdbc.execute("DROP TABLE " + versions);
            jdbc.execute("DROP TABLE " + rows);
        }
    }

    private void nextVersion(String versions, String rows) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE " + versions + " SET version = version + 1");
                statement.executeUpdate("INSERT INTO " + rows + " (version) VALUES (2)");
            }
            connection.commit();
        } catch (Exception failed) {
            throw new IllegalStateException(failed);
        }
    }
}
