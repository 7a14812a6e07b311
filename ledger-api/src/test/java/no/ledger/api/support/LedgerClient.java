package no.ledger.api.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to a running ledger over real HTTP on loopback, as another system would. Every request, whether through
 * {@link HttpClient} or a raw socket, carries this client's credentials ({@link #identity}), if any.
 */
public final class LedgerClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int port;
    private final String baseUrl;
    /** The value of the Authorization header, or null to send none. */
    private final String authorization;

    /** A client that speaks for the test user with every role ({@link TestUsers#EVERY_ROLE}). */
    public LedgerClient(int port) {
        this(port, basic(TestUsers.EVERY_ROLE, TestUsers.password(TestUsers.EVERY_ROLE)));
    }

    private LedgerClient(int port, String authorization) {
        this.port = port;
        this.baseUrl = "http://localhost:" + port;
        this.authorization = authorization;
    }

    /** The same service, as one of {@link TestUsers}. */
    public LedgerClient as(String user) {
        return new LedgerClient(port, basic(user, TestUsers.password(user)));
    }

    /** The same service, with HTTP Basic credentials as given (right or wrong). */
    public LedgerClient withBasic(String user, String password) {
        return new LedgerClient(port, basic(user, password));
    }

    /** The same service, with a bearer token. */
    public LedgerClient withBearer(String token) {
        return new LedgerClient(port, "Bearer " + token);
    }

    /** The same service, without credentials. */
    public LedgerClient anonymous() {
        return new LedgerClient(port, null);
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

    /**
     * A response as it came, for requests a well-behaved client would not send: status (-1 when the server closed
     * the connection without answering), content type (empty when none) and body text.
     */
    public record RawAnswer(int status, String contentType, String body) {

        public boolean answered() {
            return status > 0;
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    /** The headers that identify this client's caller: its credentials, if any. */
    private Map<String, String> identity() {
        return authorization == null ? Map.of() : Map.of("Authorization", authorization);
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
        identity().forEach(request::header);
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

    /** Any method, headers and body bytes, on a path that is a valid URI (already percent-encoded). */
    public RawAnswer exchange(String method, String path, Map<String, String> headers, byte[] body) {
        return exchange(HTTP, method, path, headers, body);
    }

    /**
     * As {@link #exchange}, on a connection opened for this request alone: not one from the shared pool, which the
     * server may have closed as idle at the moment it is taken (an HTTP client resends only idempotent requests).
     */
    public RawAnswer exchangeOnANewConnection(String method, String path, Map<String, String> headers, byte[] body) {
        HttpClient ownPool = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return exchange(ownPool, method, path, headers, body);
    }

    private RawAnswer exchange(HttpClient http, String method, String path, Map<String, String> headers,
            byte[] body) {
        HttpRequest.Builder request = request(path)
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            try (InputStream answer = response.body()) {
                // A live event stream never ends: its headers are the answer, and closing it hangs up.
                String text = contentType.startsWith("text/event-stream") ? ""
                        : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
                return new RawAnswer(response.statusCode(), contentType, text);
            }
        } catch (IOException failure) {
            return new RawAnswer(-1, "", "no HTTP answer: " + failure.getMessage());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * Writes a request byte for byte on a socket of its own: a request line and header lines as given (which may
     * break HTTP), the caller's identity, {@code Connection: close}, then the body; reads whatever comes back.
     */
    public RawAnswer raw(String requestLine, List<String> headerLines, byte[] body) {
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(head(requestLine, headerLines, true));
        if (body != null) {
            request.writeBytes(body);
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException failure) {
            return new RawAnswer(-1, "", String.valueOf(failure.getMessage()));
        }
    }

    /**
     * Like {@link #raw}, but the body in two writes: its first {@code withTheHeaders} bytes in the same write as the
     * headers, the rest after a pause. The server then has part of the body when it first looks at the request.
     */
    public RawAnswer rawInTwoParts(String requestLine, List<String> headerLines, byte[] body, int withTheHeaders,
                                   Duration pause) {
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        first.writeBytes(head(requestLine, headerLines, true));
        first.write(body, 0, withTheHeaders);
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress("localhost", port), 10_000);
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            out.write(first.toByteArray());
            out.flush();
            Thread.sleep(pause.toMillis());
            out.write(body, withTheHeaders, body.length - withTheHeaders);
            out.flush();
            return parse(readAll(socket.getInputStream()));
        } catch (IOException failure) {
            return new RawAnswer(-1, "", String.valueOf(failure.getMessage()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /**
     * Opens a connection and sends a request's line and headers (with the caller's identity) but no body: the
     * caller then sends the body as slowly as it likes.
     */
    public Socket openSlowRequest(String requestLine, List<String> headerLines) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("localhost", port), 10_000);
        socket.getOutputStream().write(head(requestLine, headerLines, false));
        socket.getOutputStream().flush();
        return socket;
    }

    /** A request's line and header lines as given, the caller's identity, and the blank line that ends them. */
    private byte[] head(String requestLine, List<String> headerLines, boolean closeAfter) {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        headerLines.forEach(line -> head.append(line).append("\r\n"));
        identity().forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (closeAfter) {
            head.append("Connection: close\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                response.write(buffer, 0, read);
                if (complete(response.toByteArray())) {
                    break;
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException stopped) {
            // what came so far is the answer
        }
        return response.toByteArray();
    }

    /** Whether a final response with a Content-Length has all of its body: no need to wait for the close. */
    private static boolean complete(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 100")) {
            int end = text.indexOf("\r\n\r\n");
            if (end < 0) {
                return false;
            }
            text = text.substring(end + 4);
        }
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        for (String line : text.substring(0, headEnd).split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return text.length() - headEnd - 4 >= Long.parseLong(line.substring(15).trim());
            }
        }
        return false;
    }

    /** The last response on the connection (after any 100 Continue), with a chunked body put together. */
    private static RawAnswer parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        while (text.startsWith("HTTP/1.1 100")) {
            int end = text.indexOf("\r\n\r\n");
            text = end < 0 ? "" : text.substring(end + 4);
        }
        int headEnd = text.indexOf("\r\n\r\n");
        if (!text.startsWith("HTTP/") || headEnd < 0) {
            return new RawAnswer(-1, "", text);
        }
        String[] lines = text.substring(0, headEnd).split("\r\n");
        String[] statusLine = lines[0].split(" ");
        int status = statusLine.length > 1 ? Integer.parseInt(statusLine[1]) : -1;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim());
            }
        }
        String body = text.substring(headEnd + 4);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(body);
        }
        return new RawAnswer(status, headers.getOrDefault("content-type", ""),
                new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (at < chunked.length()) {
            int lineEnd = chunked.indexOf("\r\n", at);
            if (lineEnd < 0) {
                break;
            }
            int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
            if (size == 0) {
                break;
            }
            body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
            at = lineEnd + 2 + size + 2;
        }
        return body.toString();
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
