package no.ledger.api.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The raw measurements work on their own: they insert and drop their table, and read every stored event. */
class RawLimitsTest {

    private final DataSource database = new DriverManagerDataSource("jdbc:h2:mem:raw-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1", "sa", "");

    @Test
    void oneRowInsertsCountTheirRowsAndLeaveNoTableBehind() throws Exception {
        RawLimits.Rate rate = RawLimits.oneRowInserts(database, 2, Duration.ofMillis(500),
                new RawLimits.EventSizes(120, 140));

        assertThat(rate.rows()).isPositive();
        assertThat(rate.perSecond()).isPositive();
        try (Connection connection = database.getConnection();
             ResultSet tables = connection.getMetaData().getTables(null, null, RawLimits.TABLE, null)) {
            assertThat(tables.next()).isFalse();
        }
    }

    @Test
    void aSequentialReadReadsEveryStoredEvent() throws Exception {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE domain_event_entry (global_index BIGINT PRIMARY KEY,"
                    + " event_identifier VARCHAR(255), aggregate_identifier VARCHAR(255), sequence_number BIGINT,"
                    + " type VARCHAR(255), time_stamp VARCHAR(255), payload_type VARCHAR(255),"
                    + " payload_revision VARCHAR(255), payload BYTEA, meta_data BYTEA)");
            for (int index = 1; index <= 5; index++) {
                statement.execute("INSERT INTO domain_event_entry VALUES (" + index + ", 'e" + index + "', 'a', "
                        + index + ", 'T', '2020-01-01T00:00:00Z', 'P', NULL, X'7b7d', NULL)");
            }
        }
        assertThat(RawLimits.eventSizes(database)).isEqualTo(new RawLimits.EventSizes(2, 0));

        RawLimits.Rate read = RawLimits.sequentialRead(database, 2);

        assertThat(read.rows()).isEqualTo(5);
    }
}
