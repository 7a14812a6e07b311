package no.ledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.jdbc.core.JdbcTemplate;

/** On H2, a failure to list the sessions is asked again, and if it persists the answer is the cautious one. */
class OpenWritesTest {

    private static JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:open-writes;DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    /** H2 whose session list fails the first {@code failures} times it is asked, as H2 2.3 does at times. */
    private static OpenWrites failingFirst(int failures, AtomicInteger asked) {
        JdbcDataSource dataSource = h2();
        JdbcTemplate flaky = new JdbcTemplate(dataSource) {
            @Override
            public <T> T queryForObject(String sql, Class<T> requiredType) {
                if (sql.contains("information_schema.sessions") && asked.incrementAndGet() <= failures) {
                    throw new UncategorizedSQLException("sessions", sql, new SQLException(
                            "General error: \"java.lang.NullPointerException\"", "HY000", 50000));
                }
                return super.queryForObject(sql, requiredType);
            }
        };
        return new OpenWrites(flaky, dataSource);
    }

    @Test
    void withNoOtherWriterThereIsNoOpenWrite() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(failingFirst(0, asked).oldestStart()).isEmpty();
        assertThat(asked).hasValue(1);
    }

    @Test
    void aSessionListThatFailsOnceIsAskedAgain() {
        AtomicInteger asked = new AtomicInteger();
        assertThat(failingFirst(2, asked).oldestStart()).isEmpty();
        assertThat(asked).hasValue(3);
    }

    @Test
    void aSessionListThatKeepsFailingCountsAsAWriteOpenForever() {
        AtomicInteger asked = new AtomicInteger();
        OpenWrites openWrites = failingFirst(Integer.MAX_VALUE, asked);
        assertThat(openWrites.oldestStart()).contains(Instant.EPOCH);
        assertThat(openWrites.anyBegunBefore(Instant.parse("2020-07-01T00:00:00Z"))).isTrue();
    }
}
