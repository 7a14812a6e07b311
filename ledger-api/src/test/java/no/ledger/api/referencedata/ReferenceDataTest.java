package no.ledger.api.referencedata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import no.ledger.api.LedgerApplication;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The service on an H2 file store: started, stopped and started again, as a user runs it. */
class ReferenceDataTest {

    @TempDir
    Path workingDirectory;

    private ConfigurableApplicationContext start(boolean loadReferenceData) {
        return new SpringApplicationBuilder(LedgerApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=jdbc:h2:file:" + workingDirectory.resolve("ledger")
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE",
                "--ledger.reference-data.enabled=" + loadReferenceData,
                "--ledger.security.generated-password=" + workingDirectory.resolve("admin-password"));
    }

    /** Events in the store by their type, with the number of each. */
    private static Map<String, Integer> eventsByType(ConfigurableApplicationContext service) {
        Map<String, Integer> counts = new TreeMap<>();
        service.getBean(JdbcTemplate.class).query("SELECT payload_type, COUNT(*) FROM domain_event_entry"
                        + " GROUP BY payload_type",
                row -> {
                    String type = row.getString(1);
                    counts.put(type.substring(type.lastIndexOf('.') + 1), row.getInt(2));
                });
        return counts;
    }

    @Test
    void theFirstStartRecordsTheReferenceDataAndARestartKeepsItWithoutRecordingItTwice() {
        Map<String, Integer> afterFirstStart;
        try (ConfigurableApplicationContext service = start(true)) {
            afterFirstStart = eventsByType(service);
            assertThat(afterFirstStart).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "MunicipalityRegistered", 356,
                    "PopulationCounted", 356,
                    "ProgrammeDefined", 2,
                    "MunicipalityInvited", 291));
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForList("SELECT DISTINCT meta_data FROM domain_event_entry", byte[].class))
                    .extracting(String::new)
                    .allSatisfy(metaData -> assertThat(metaData).contains("\"recordedBy\":\"reference-data\""));

            // With the reference data and no decision, Akson covers its whole scope at zero per cent.
            service.getBean(ProjectionProgress.class).awaitCaughtUp(Duration.ofSeconds(60));
            JsonNode coverage = new LedgerClient(Integer.parseInt(service.getEnvironment()
                    .getProperty("local.server.port"))).anonymous().get("/api/programmes/akson/coverage?asOf=2020-07-01").body();
            assertThat(coverage.path("scope").path("municipalities").asInt()).isEqualTo(291);
            assertThat(coverage.path("scope").path("population").asLong()).isEqualTo(4_632_214);
            for (String count : List.of("declarations", "commitments", "options")) {
                assertThat(coverage.path(count).path("municipalities").asInt()).isZero();
                assertThat(coverage.path(count).path("share").decimalValue()).isEqualByComparingTo("0");
            }
        }

        try (ConfigurableApplicationContext restarted = start(true)) {
            assertThat(eventsByType(restarted)).isEqualTo(afterFirstStart);
        }
    }

    @Test
    void loadingTheReferenceDataCanBeSwitchedOff() {
        try (ConfigurableApplicationContext service = start(false)) {
            assertThat(eventsByType(service)).isEmpty();
        }
    }
}
