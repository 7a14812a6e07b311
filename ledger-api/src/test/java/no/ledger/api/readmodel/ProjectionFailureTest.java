package no.ledger.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * A read model that fails on an event stops and tries again instead of skipping it (Axon's default would log the
 * error and move on, and the history would miss the decision for good); the health check shows it meanwhile.
 */
@TestPropertySource(properties = "ledger.test.context=projection-failure")
class ProjectionFailureTest extends LedgerIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ProjectionProgress progress;

    private String processorsHealth() {
        return ledger.get("/actuator/health").body().path("components").path("processors").path("status").asText();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as(what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aFailingReadModelRetriesTheEventItFailedOnUntilItSucceeds() throws InterruptedException {
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(processorsHealth()).isEqualTo("UP");
        assertThat(ledger.get("/actuator/health").body().path("components").path("db").path("status").asText())
                .isEqualTo("UP");
        JsonNode history = ledger.get("/actuator/processors").body().path("processors").path("history");
        assertThat(history.path("heldHere").size()).isEqualTo(4);
        assertThat(history.path("maxLag").asLong()).isZero();
        assertThat(history.path("owners").size()).isEqualTo(4);
        jdbc.execute("ALTER TABLE history_entry RENAME TO history_entry_away");
        try {
            assertThat(ledger.post("/api/programmes/akson/participants/1103/declaration", Map.of("signedOn",
                    "2020-06-30", "decisionReference", "PS 1/20", "signatory", "ordfører")).status()).isEqualTo(201);
            await("the history processor to report its failure", () -> processorsHealth().equals("DOWN"));
        } finally {
            jdbc.execute("ALTER TABLE history_entry_away RENAME TO history_entry");
        }

        progress.awaitCaughtUp(Duration.ofSeconds(120));
        assertThat(ledger.get("/api/municipalities/1103/history").body().path("events").toString())
                .contains("DeclarationSigned");
        assertThat(processorsHealth()).isEqualTo("UP");
        assertThat(ledger.get("/actuator/health").body().path("status").asText()).isEqualTo("UP");
    }
}
