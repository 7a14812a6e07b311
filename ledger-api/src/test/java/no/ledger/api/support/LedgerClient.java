package no.ledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to a running ledger over real HTTP on loopback, as another system would. Every request of the tests goes
 * through {@link #send}: the one place to add what every request needs (credentials, once writes need them).
 */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public LedgerClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    /**
     * A response: its status, its content type, its body as JSON (a missing node when the body is empty or not
     * JSON) and its headers.
     */
    public record Answer(int status, String contentType, JsonNode body, HttpHeaders headers) {

        public Optional<String> header(String name) {
            return headers.firstValue(name);
        }

        public String eventId() {
            return body.path("eventIds").path(0).asText();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }

    public Answer post(String path, Object body) {
        try {
            return post(path, JSON.writeValueAsString(body));
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    public Answer post(String path, String rawBody) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody)));
    }

    public Answer get(String path) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
    }

    public Answer get(String path, Map<String, String> query) {
        StringBuilder url = new StringBuilder(path);
        String separator = path.contains("?") ? "&" : "?";
        for (Map.Entry<String, String> parameter : query.entrySet()) {
            url.append(separator).append(parameter.getKey()).append('=').append(parameter.getValue());
            separator = "&";
        }
        return get(url.toString());
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = response.body().isEmpty() || !contentType.contains("json") ? JSON.missingNode()
                    : JSON.readTree(response.body());
            return new Answer(response.statusCode(), contentType, body, response.headers());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
