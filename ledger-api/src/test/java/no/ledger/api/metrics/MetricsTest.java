package no.ledger.api.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import no.ledger.api.support.EventStream;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;

/** The metrics operators scrape: their names in Prometheus' format, and nobody else's access to them. */
class MetricsTest extends LedgerIntegrationTest {

    private HttpResponse<String> scrape(LedgerClient as, String path) throws Exception {
        return HttpClient.newHttpClient().send(as.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void operatorsScrapeCommandsEventsRequestsProcessorsAndTheFeed() throws Exception {
        String programme = aksonLikeProgramme();
        Map<String, String> signature = Map.of("signedOn", "2020-06-15", "decisionReference", "PS 1",
                "signatory", "ordfører");
        assertThat(ledger.post("/api/programmes/" + programme + "/participants/0301/declaration", signature)
                .status()).isEqualTo(201);
        assertThat(ledger.post("/api/programmes/" + programme + "/participants/0301/declaration", signature)
                .status()).isEqualTo(409);

        try (EventStream ignored = EventStream.open(ledger.as(TestUsers.SUBSCRIBER).request("/api/events/stream"))) {
            HttpResponse<String> prometheus = scrape(ledger.as(TestUsers.OPERATOR), "/actuator/prometheus");

            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body())
                    .containsPattern("ledger_commands_seconds_count\\{[^}]*command=\"SignDeclaration\"[^}]*"
                            + "outcome=\"success\"")
                    .containsPattern("ledger_commands_seconds_count\\{[^}]*command=\"SignDeclaration\"[^}]*"
                            + "outcome=\"rejected\",rule=\"sign-once\"")
                    .containsPattern("ledger_events_recorded_total\\{[^}]*type=\"DeclarationSigned\"")
                    .contains("http_server_requests_seconds_count")
                    .containsPattern("ledger_processor_lag_events\\{[^}]*processor=\"history\"")
                    .containsPattern("ledger_feed_subscribers\\{[^}]*\\} [1-9]")
                    .contains("ledger_feed_horizon")
                    // axon-micrometer's own, on the command bus, the event store and per processor
                    .containsPattern("commandBus_ingestedCounter_total\\{[^}]*payloadType=\"SignDeclaration\"")
                    .containsPattern("commandBus_allTimer_seconds_count\\{[^}]*payloadType=\"SignDeclaration\"")
                    .containsPattern("eventStore_ingestedCounter_total\\{[^}]*payloadType=\"DeclarationSigned\"")
                    .containsPattern("eventProcessor_successCounter_total\\{[^}]*processorName=\"history\"")
                    .containsPattern("eventProcessor_latency[a-z_]*\\{[^}]*processorName=\"history\"")
                    // but not its capacity monitors, which hold every message for ten minutes (MetricsConfiguration)
                    .doesNotContainPattern("(commandBus|eventProcessor|queryBus)_capacity")
                    // Spring Security's own observations are off (SecurityConfiguration): they cost CPU, told nothing
                    .doesNotContain("spring_security_");
        }
        HttpResponse<String> metrics = scrape(ledger.as(TestUsers.OPERATOR), "/actuator/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("ledger.commands", "ledger.feed.subscribers", "http.server.requests");
    }

    @Test
    void metricsAreForOperatorsOnly() throws Exception {
        for (String path : List.of("/actuator/prometheus", "/actuator/metrics")) {
            assertThat(scrape(ledger.anonymous(), path).statusCode()).as(path).isEqualTo(401);
            for (String user : List.of(TestUsers.AUDITOR, TestUsers.SUBSCRIBER, TestUsers.RECORDER)) {
                assertThat(scrape(ledger.as(user), path).statusCode()).as(user + " " + path).isEqualTo(403);
            }
        }
    }
}
