package no.ledger.api.imports;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;

/** Sending a CSV file to the imports, and waiting for it to be recorded. */
public final class ImportTestSupport {

    private ImportTestSupport() {
    }

    public static Answer importCsv(LedgerClient client, String query, String csv) {
        return client.send(client.request("/api/imports?" + query)
                .header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(csv))
                .build());
    }

    public static JsonNode awaitFinished(LedgerClient client, Answer started) throws InterruptedException {
        return awaitFinished(client, started, Duration.ofMinutes(2));
    }

    public static JsonNode awaitFinished(LedgerClient client, Answer started, Duration patience)
            throws InterruptedException {
        String location = started.headers().firstValue("Location").orElseThrow();
        Instant giveUp = Instant.now().plus(patience);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode status = client.get(location).body();
            if (!"RUNNING".equals(status.path("state").asText())) {
                return status;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import did not finish: " + client.get(location));
    }

}
