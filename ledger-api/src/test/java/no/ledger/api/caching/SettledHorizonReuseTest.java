package no.ledger.api.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import no.ledger.api.config.OpenWrites;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * A horizon computed less than {@code horizon-reuse} ago answers for any {@code knownAt} without asking the database:
 * before it, settled; after it, not yet. Queries for a recent {@code knownAt} paid for a new horizon each time.
 */
class SettledHorizonReuseTest {

    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final Duration MARGIN = Duration.ofMinutes(5);

    private final AtomicInteger statements = new AtomicInteger();
    private JdbcTemplate jdbc;
    private JdbcDataSource dataSource;

    @BeforeEach
    void anEventStoreWhoseReadModelsHaveFoldedEverything() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:settled-horizon-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcTemplate setUp = new JdbcTemplate(dataSource);
        setUp.execute("CREATE TABLE domain_event_entry (global_index BIGINT PRIMARY KEY, time_stamp VARCHAR(64))");
        setUp.execute("CREATE TABLE token_entry (token BLOB)");
        for (int index = 1; index <= 5; index++) {
            setUp.update("INSERT INTO domain_event_entry VALUES (?, ?)", index,
                    NOW.minusSeconds(60L * (6 - index)).toString());
        }
        setUp.update("INSERT INTO token_entry VALUES (?)", (Object) "{\"index\":5,\"gaps\":[]}".getBytes());
        jdbc = new JdbcTemplate(dataSource) {
            @Override
            public <T> List<T> query(String sql, RowMapper<T> mapper, Object... arguments) {
                statements.incrementAndGet();
                return super.query(sql, mapper, arguments);
            }

            @Override
            public <T> T queryForObject(String sql, Class<T> type) {
                statements.incrementAndGet();
                return super.queryForObject(sql, type);
            }
        };
    }

    private SettledHorizon horizonReusedFor(Duration reuse) {
        return new SettledHorizon(jdbc, new OpenWrites(jdbc, dataSource), Clock.fixed(NOW, ZoneOffset.UTC),
                new CachingProperties(MARGIN, Duration.ofSeconds(60), Duration.ofDays(365), reuse));
    }

    @Test
    void aFreshHorizonAnswersBothWaysWithoutAskingTheDatabase() {
        SettledHorizon horizon = horizonReusedFor(Duration.ofHours(1));
        Instant settled = horizon.current();
        assertThat(settled).isEqualTo(NOW.minus(MARGIN));
        int asked = statements.get();
        assertThat(asked).isPositive();

        assertThat(horizon.hasSettled(settled.minusMillis(1))).isTrue();
        assertThat(horizon.hasSettled(settled.plusSeconds(1))).isFalse();
        assertThat(horizon.hasSettled(NOW.minusSeconds(1))).isFalse();
        assertThat(statements.get()).as("statements after the horizon was computed").isEqualTo(asked);
    }

    @Test
    void anExpiredHorizonIsAskedOfTheDatabaseAgain() {
        SettledHorizon horizon = horizonReusedFor(Duration.ZERO);
        horizon.current();
        int asked = statements.get();

        assertThat(horizon.hasSettled(NOW.minus(MARGIN).plusSeconds(1))).isFalse();
        assertThat(horizon.hasSettled(NOW.minus(MARGIN).minusSeconds(1))).isTrue();
        assertThat(statements.get()).isEqualTo(3 * asked);
    }

    @Test
    void aForgottenHorizonIsAskedOfTheDatabaseAgain() {
        SettledHorizon horizon = horizonReusedFor(Duration.ofHours(1));
        horizon.current();
        int asked = statements.get();
        horizon.forget();

        assertThat(horizon.hasSettled(NOW.minus(MARGIN).minusSeconds(1))).isTrue();
        assertThat(statements.get()).isEqualTo(2 * asked);
    }
}
