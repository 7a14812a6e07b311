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
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to a running ledger over real HTTP on loopback, as another system would. Every request of the tests goes
 * through {@link #request}, which adds this client's credentials, and {@link #send}.
 */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    /** The value of the Authorization header, or null to send none. */
    private final String authorization;

    /** A client that speaks for the test user with every role ({@link TestUsers#EVERY_ROLE}). */
    public LedgerClient(int port) {
        this("http://localhost:" + port, basic(TestUsers.EVERY_ROLE, TestUsers.password(TestUsers.EVERY_ROLE)));
    }

    private LedgerClient(String baseUrl, String authorization) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
    }

    /** The same service, as one of {@link TestUsers}. */
    public LedgerClient as(String user) {
        return new LedgerClient(baseUrl, basic(user, TestUsers.password(user)));
    }

    /** The same service, with HTTP Basic credentials as given (right or wrong). */
    public LedgerClient withBasic(String user, String password) {
        return new LedgerClient(baseUrl, basic(user, password));
    }

    /** The same service, with a bearer token. */
    public LedgerClient withBearer(String token) {
        return new LedgerClient(baseUrl, "Bearer " + token);
    }

    /** The same service, without credentials. */
    public LedgerClient anonymous() {
        return new LedgerClient(baseUrl, null);
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
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
        return post(path, rawBody, Map.of());
    }

    /** A POST with more headers, such as {@code Idempotency-Key}. */
    public Answer post(String path, Object body, Map<String, String> headers) {
        try {
            return post(path, JSON.writeValueAsString(body), headers);
        } catch (IOException unwritable) {
            throw new UncheckedIOException(unwritable);
        }
    }

    public Answer post(String path, String rawBody, Map<String, String> headers) {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody));
        headers.forEach(request::header);
        return send(request);
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** A request to the path, with this client's credentials: every request of the tests starts here. */
    public HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
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

    public Answer send(HttpRequest.Builder request) {
        return send(request.timeout(REQUEST_TIMEOUT).build());
    }

    public Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
