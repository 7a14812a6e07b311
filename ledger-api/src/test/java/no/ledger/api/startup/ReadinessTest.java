package no.ledger.api.startup;

import static org.assertj.core.api.Assertions.assertThat;

import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationContext;

/**
 * The probes and the gate in front of the API follow Spring's readiness state: a started service is ready (the
 * reference data recorded, the read models caught up); one that refuses traffic (as while it shuts down) answers
 * /api/** with 503 problem+json and Retry-After, and stays live. The start itself is in SeparateProcessTest.
 */
class ReadinessTest extends LedgerIntegrationTest {

    @Autowired
    private ApplicationContext context;

    @Test
    void aStartedServiceIsReadyWithItsReadModelsCaughtUp() {
        LedgerClient.Answer readiness = ledger.get("/actuator/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().path("components").path("ledgerReadiness").path("details").path("phase")
                .asText()).isEqualTo("READY");
        assertThat(ledger.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(ledger.get("/actuator/health").body().path("status").asText()).isEqualTo("UP");
        assertThat(ledger.get("/api/programmes/akson/coverage").body().path("scope").path("municipalities").asInt())
                .isEqualTo(291);
    }

    @Test
    void whileRefusingTrafficTheApiAnswers503AndTheServiceStaysLive() {
        assertThat(ledger.get("/api/programmes/akson/coverage").status()).isEqualTo(200);
        AvailabilityChangeEvent.publish(context, ReadinessState.REFUSING_TRAFFIC);
        try {
            LedgerClient.Answer refused = ledger.get("/api/programmes/akson/coverage");
            assertThat(refused.status()).isEqualTo(503);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("rule").asText()).isEqualTo("service-stopping");
            assertThat(refused.header("Retry-After")).hasValue("5");
            assertThat(ledger.post("/api/municipalities", "{}").status()).isEqualTo(503);
            assertThat(ledger.get("/actuator/health/readiness").status()).isEqualTo(503);
            assertThat(ledger.get("/actuator/health/liveness").status()).isEqualTo(200);
        } finally {
            AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
        }
        assertThat(ledger.get("/api/programmes/akson/coverage").status()).isEqualTo(200);
    }
}
