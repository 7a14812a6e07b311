package no.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * Behind the gateway: the origin the caller used (X-Forwarded-Proto/-Host/-Port, trusted from loopback and private
 * networks) is the one in the OpenAPI servers entry, in Location headers and in next links.
 */
class ForwardedHeadersTest extends LedgerIntegrationTest {

    private static final String ORIGIN = "https://ledger.example.no:8443";

    private static HttpRequest.Builder forwarded(HttpRequest.Builder request) {
        return request.header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "ledger.example.no")
                .header("X-Forwarded-Port", "8443").header("X-Forwarded-For", "203.0.113.7");
    }

    @Test
    void theOpenApiServersEntryIsTheCallersOrigin() {
        LedgerClient anonymous = ledger.anonymous();
        Answer document = anonymous.send(forwarded(anonymous.request("/v3/api-docs")).GET().build());

        assertThat(document.body().path("servers").path(0).path("url").asText()).isEqualTo(ORIGIN);
    }

    @Test
    void locationsAndNextLinksAreTheCallersOrigin() {
        String body = "{\"id\":\"" + unique("gjennom") + "\",\"name\":\"Gjennom AS\",\"foundedOn\":\"2021-01-01\"}";
        Answer founded = ledger.send(forwarded(ledger.request("/api/companies"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        Answer listing = ledger.send(forwarded(ledger.request("/api/municipalities?limit=1")).GET().build());

        assertThat(founded.status()).as(founded.toString()).isEqualTo(201);
        assertThat(founded.headers().firstValue("Location").orElseThrow())
                .isEqualTo(ORIGIN + "/api/events/" + founded.eventId());
        assertThat(listing.body().path("next").asText()).startsWith(ORIGIN + "/api/municipalities?");
    }
}
