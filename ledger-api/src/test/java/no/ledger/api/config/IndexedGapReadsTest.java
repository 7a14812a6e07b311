package no.ledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.projections.DatabaseProduct;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The processors' read of new events and open gaps gives what Axon's own statement gives, row for row, and on H2 it
 * reads the primary key, not the whole event table. A table shaped like the event store, of its own: the live one
 * is followed by the service's processors.
 */
class IndexedGapReadsTest extends LedgerIntegrationTest {

    private static final int EVENTS = 3000;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;

    private String table;
    private EventSchema schema;

    @BeforeEach
    void eventTableWithGaps() {
        table = unique("gap_reads").replace('-', '_');
        jdbc.execute("CREATE TABLE " + table + " (global_index BIGINT PRIMARY KEY,"
                + " event_identifier VARCHAR(255) NOT NULL, aggregate_identifier VARCHAR(255) NOT NULL,"
                + " sequence_number BIGINT NOT NULL, type VARCHAR(255), time_stamp VARCHAR(255) NOT NULL,"
                + " payload_type VARCHAR(255) NOT NULL, payload_revision VARCHAR(255), payload BYTEA NOT NULL,"
                + " meta_data BYTEA)");
        List<Object[]> rows = new ArrayList<>();
        for (long index = 1; index <= EVENTS; index++) {
            // Every seventh index was taken by a transaction that has not committed (or never will).
            if (index % 7 != 0) {
                rows.add(new Object[] {index, "event-" + index, "aggregate-" + index % 13, index,
                        "2020-06-20T10:00:00Z", new byte[] {1}});
            }
        }
        jdbc.batchUpdate("INSERT INTO " + table + " (global_index, event_identifier, aggregate_identifier,"
                + " sequence_number, time_stamp, payload_type, payload) VALUES (?, ?, ?, ?, ?, 'Decision', ?)", rows);
        schema = EventStoreConfiguration.eventSchema(table);
    }

    @AfterEach
    void dropTable() {
        jdbc.execute("DROP TABLE " + table);
    }

    @Test
    void readsTheSameEventsAsAxonsOwnStatement() throws SQLException {
        // Gaps that are filled by now, gaps still open, and the position at a gap or at the table's end.
        List<List<Long>> gapSets = List.of(List.of(7L), List.of(5L, 14L, 700L, 2093L), List.of(2100L, 2101L, 2102L),
                List.of(1L, 2L, 2999L));
        int eventsRead = 0;
        for (long position : List.of(100L, 2103L, 2500L, EVENTS - 3L, (long) EVENTS)) {
            for (List<Long> gaps : gapSets) {
                List<Long> belowPosition = gaps.stream().filter(gap -> gap < position).toList();
                if (belowPosition.isEmpty()) {
                    continue;
                }
                try (Connection connection = dataSource.getConnection()) {
                    List<Long> axons = indexes(JdbcEventStorageEngineStatements.readEventDataWithGaps(connection,
                            schema, position, 50, belowPosition));
                    List<Long> ours = indexes(new IndexedGapReads().build(connection, schema, position, 50,
                            belowPosition));
                    assertThat(ours).as("after %d with gaps %s", position, belowPosition).isEqualTo(axons);
                    eventsRead += ours.size();
                }
            }
        }
        assertThat(eventsRead).isGreaterThan(200);
    }

    @Test
    void onH2ReadsOnlyTheRangeAndTheGapsFromThePrimaryKey() throws SQLException {
        assumeTrue(DatabaseProduct.isH2(dataSource), "PostgreSQL reads Axon's own statement from the index too");
        List<Long> gaps = List.of(14L, 700L, 2093L);
        try (Connection connection = dataSource.getConnection();
             PreparedStatement explain = connection.prepareStatement("EXPLAIN ANALYZE "
                     + IndexedGapReads.sql(schema, gaps.size()))) {
            explain.setLong(1, 2500);
            explain.setLong(2, 2550);
            explain.setLong(3, 2500);
            for (int gap = 0; gap < gaps.size(); gap++) {
                explain.setLong(gap + 4, gaps.get(gap));
            }
            try (ResultSet plan = explain.executeQuery()) {
                plan.next();
                String text = plan.getString(1);
                Matcher scans = Pattern.compile("scanCount: (\\d+)").matcher(text);
                int scanned = 0;
                while (scans.find()) {
                    scanned += Integer.parseInt(scans.group(1));
                }
                assertThat(scanned).as("rows H2 scanned for 50 positions and 3 gaps:%n%s", text).isBetween(1, 60);
            }
        }
    }

    private static List<Long> indexes(PreparedStatement statement) throws SQLException {
        List<Long> indexes = new ArrayList<>();
        try (statement; ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                indexes.add(rows.getLong("global_index"));
            }
        }
        return indexes;
    }
}
