package no.ledger.api.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * A seeded generator of requests that an attacker, a broken client or a confused integrator might send: every
 * write and read path of the API with its values, bodies, paths, methods and headers bent out of shape. Most are
 * refused; some are valid and recorded, which the fuzz test accounts for.
 */
final class HostileRequests {

    /** One request: through the HTTP client when {@code requestLine} is null, else byte for byte on a socket. */
    record Attempt(String what, String method, String path, Map<String, String> headers, byte[] body,
                   String requestLine, List<String> rawHeaders) {

        boolean raw() {
            return requestLine != null;
        }

        @Override
        public String toString() {
            String shown = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            if (shown.length() > 200) {
                shown = shown.substring(0, 200) + "…";
            }
            return what + ": " + (raw() ? requestLine + " " + rawHeaders : method + " " + path + " " + headers)
                    + " " + shown;
        }
    }

    /** A write path with a valid body to bend. */
    private record Write(String path, Map<String, Object> body) {
    }

    private final Random random;
    private final String programme;
    private final String company;
    private final String municipality;
    private final List<String> eventIds;

    HostileRequests(long seed, String programme, String company, String municipality, List<String> eventIds) {
        this.random = new Random(seed);
        this.programme = programme;
        this.company = company;
        this.municipality = municipality;
        this.eventIds = eventIds;
    }

    private static final List<String> TEXTS = List.of("", " ", "\u00A0", "\u0000", "a\u0000b", "\u001B[31mred\u001B[0m",
            "\u202Eevil", "\u200B", "\u200B\u200B", "PS\u200B12", "\uFEFFx", "\uE000", "\uD800", "x\uDC00", "\t", "a\nb",
            "\r\n", "\u0085", "\u2028", "\u007F", "x".repeat(256), "æ".repeat(255), "æ".repeat(300),
            "😀".repeat(128), "😀".repeat(127) + "x", "Guovdageaidnu", "Porsáŋgu", "Oslo", "ordfører",
            "'; DROP TABLE domain_event_entry; --", "<script>alert(1)</script>", "../../etc/passwd", "%00", "\\",
            "\\u0000", "{\"a\":1}", "${jndi:ldap://x/a}", "#{7*7}", "{{7*7}}", "مرحبا", "a\u0301");

    private static final List<String> NUMBERS = List.of("0", "-1", "1", "14811.9", "1.0", "1e400", "-1e400",
            "9223372036854775807", "9223372036854775808", "-9223372036854775808", "99999999999999999999999999",
            "1e-999999", "0.0000001", "100000000", "100000001", "1000000000000", "1000000000001", "2147483648",
            "NaN", "Infinity", "-0", "01", "0x10", "1_000", "\"5\"", "\"\"", "1" + "0".repeat(1200), "1e2", "-5.5");

    private static final List<String> DATES = List.of("\"2020-07-01\"", "\"2020-02-30\"", "\"+1000000000-01-01\"",
            "\"999999999-12-31\"", "\"-999999999-01-01\"", "\"1899-12-31\"", "\"3000-01-01\"", "123", "-1",
            "[2020,7,1]", "[2020,7]", "[]", "{}", "\"2020-07-01T00:00:00Z\"", "\"20200701\"", "\"\"", "\"2020-7-1\"",
            "\"01.07.2020\"", "\"2020-07-01 \"", "true", "2020.5", "\"2020-13-01\"", "\"+2020-07-01\"");

    private static final List<String> STRUCTURES = List.of("null", "true", "false", "[]", "{}", "[1,2]",
            "{\"a\":1}", "[\"x\"]", "\"NORD\"", "1.5", "\"\"");

    private static final List<String> CONTENT_TYPES = List.of("*/*", "text/plain", "application/yaml",
            "application/x-yaml", "text/yaml", "application/xml", "text/xml", "application/json;charset=ISO-8859-1",
            "application/json;charset=foo", "application/json; charset=\"utf-8\"", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/cbor", "application/x-jackson-smile", "garbage",
            "application/", "/json", "application/json;;", "application/merge-patch+json", "APPLICATION/JSON",
            "text/html", "image/png", "application/octet-stream", "application/problem+json", "");

    private static final List<String> ACCEPTS = List.of("text/html", "application/xml", "foo", "*/*;q=abc",
            "application/yaml", "text/csv", "image/*", "application/json;q=0", "*/*", "application/*",
            "text/event-stream", "application/x-ndjson", ";;;", "application/json, text/html;q=0.1");

    private static final List<String> METHODS = List.of("PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "GET", "POST",
            "FOO", "PROPFIND", "MKCOL");

    List<Attempt> next(int count) {
        List<Attempt> attempts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            attempts.add(next());
        }
        return attempts;
    }

    private Attempt next() {
        int kind = random.nextInt(100);
        if (kind < 45) {
            return bentWrite();
        }
        if (kind < 55) {
            return bentBody();
        }
        if (kind < 70) {
            return bentRead();
        }
        if (kind < 78) {
            return oddPath();
        }
        if (kind < 84) {
            return oddMethod();
        }
        if (kind < 92) {
            return oddHeaders();
        }
        return rawRequest();
    }

    private List<Write> writes() {
        String n = pick(List.of(municipality, municipality, "0301", "4601", "5001", unknownNumber()));
        String participant = "/api/programmes/" + programme + "/participants/" + n;
        String event = eventIds.isEmpty() ? UUID.randomUUID().toString() : pick(eventIds);
        return List.of(
                new Write("/api/municipalities", body("number", unknownNumber(), "name", "Testvik", "county",
                        "Nordland", "healthRegion", "NORD", "registeredOn", "2020-01-01", "reference", "SSB")),
                new Write("/api/municipalities/" + n + "/population", body("population", 1234L, "countedOn",
                        randomDate(), "reference", "SSB 07459")),
                new Write("/api/programmes", body("id", "fuzz-" + random.nextInt(1_000_000), "name", "Fuzz",
                        "scopeRegions", List.of("NORD"), "declarationDeadline", "2020-07-01", "thresholds",
                        body("declaration", 0.5, "commitment", 0.55, "procurement", 0.85), "definedOn",
                        "2020-04-24", "reference", "HOD 20/1554")),
                new Write(participant + "/invitation", body("invitedOn", "2020-04-24", "reference", "HOD 20/1554")),
                new Write(participant + "/declaration", body("signedOn", "2020-06-15", "decisionReference",
                        "PS 12/20", "signatory", "ordfører")),
                new Write(participant + "/extension", body("grantedOn", "2020-06-29", "newDeadline", "2020-07-07",
                        "reason", "møte", "reference", "e-post")),
                new Write(participant + "/declaration/withdrawal", body("withdrawnOn", "2020-09-01", "reason",
                        "vedtak", "reference", "PS 40/20")),
                new Write(participant + "/commitment", body("enteredOn", "2020-12-01", "decisionReference",
                        "PS 50/20")),
                new Write(participant + "/option", body("enteredOn", "2020-10-01", "decisionReference", "PS 45/20",
                        "expiresOn", "2021-03-31")),
                new Write(participant + "/option/exercise", body("exercisedOn", "2021-01-10", "decisionReference",
                        "PS 2/21")),
                new Write(participant + "/option/lapse", body("lapsedOn", "2021-04-01", "reason", "utløpt",
                        "reference", "brev")),
                new Write("/api/companies", body("id", "fuzz-co-" + random.nextInt(1_000_000), "name", "Fuzz AS",
                        "foundedOn", "2021-07-01", "reference", "stiftelse")),
                new Write("/api/companies/" + company + "/share-issues", body("owner", pick(List.of(municipality,
                        "KS", "STATE", "other-party")), "shares", 10L, "issuedOn", "2021-07-01", "reference", "x")),
                new Write("/api/companies/" + company + "/share-transfers", body("from", "KS", "to", municipality,
                        "shares", 1L, "transferredOn", "2021-07-02", "reference", "x")),
                new Write("/api/events/" + event + "/retraction", body("reason", "feilregistrert", "retractedOn",
                        "2021-08-01")));
    }

    /** A valid write with one field's value replaced, removed, or one field added. */
    private Attempt bentWrite() {
        Write write = pick(writes());
        Map<String, Object> body = new LinkedHashMap<>(write.body());
        String field = pick(new ArrayList<>(body.keySet()));
        String json;
        int how = random.nextInt(10);
        if (how == 0) {
            body.remove(field);
            json = json(body, null, null);
        } else if (how == 1) {
            json = json(body, pick(List.of("unknown", "Name", "name ", "\u0000", "__proto__", "x".repeat(300))),
                    "1");
        } else {
            json = json(body, field, hostileValue());
        }
        return post("bent " + field, write.path(), json);
    }

    private String hostileValue() {
        return switch (random.nextInt(4)) {
            case 0 -> quoted(pick(TEXTS));
            case 1 -> pick(NUMBERS);
            case 2 -> pick(DATES);
            default -> pick(STRUCTURES);
        };
    }

    /** A valid write's body broken as a whole. */
    private Attempt bentBody() {
        Write write = pick(writes());
        String valid = json(write.body(), null, null);
        String firstKey = write.body().keySet().iterator().next();
        String body = switch (random.nextInt(16)) {
            case 0 -> valid + " x";
            case 1 -> valid + " {}";
            case 2 -> valid + ",";
            case 3 -> valid.substring(0, random.nextInt(valid.length()));
            case 4 -> "";
            case 5 -> pick(List.of("null", "[]", "\"text\"", "1", "true", "[" + valid + "]"));
            case 6 -> "{\"" + firstKey + "\":\"a\"," + valid.substring(1);
            case 7 -> "[".repeat(5000) + "]".repeat(5000);
            case 8 -> "{\"a\":".repeat(3000) + "1" + "}".repeat(3000);
            case 9 -> "id: x\nname: y\n";
            case 10 -> "<x><id>y</id></x>";
            case 11 -> "\uFEFF" + valid;
            case 12 -> "{'" + firstKey + "': 'x'}";
            case 13 -> "{\"" + firstKey + "\": \"" + "x".repeat(70_000) + "\"}";
            case 14 -> valid.replace(":", ": /* c */");
            default -> "{\"" + firstKey + "\":\"\\ud800\"}";
        };
        if (random.nextInt(20) == 0) {
            byte[] bytes = new byte[]{'{', '"', 'n', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, (byte) 0xFF, '"', '}'};
            return new Attempt("non-UTF-8 body", "POST", write.path(), Map.of("Content-Type", "application/json"),
                    bytes, null, null);
        }
        return post("broken body", write.path(), body);
    }

    private Attempt bentRead() {
        String n = pick(List.of(municipality, "0301", "9999", "301", "abcd"));
        String path = pick(List.of("/api/programmes/" + programme + "/coverage", "/api/programmes/akson/coverage",
                "/api/programmes/" + programme + "/participants", "/api/programmes/akson/participants/" + n,
                "/api/municipalities/" + n + "/history", "/api/companies/" + company + "/ownership",
                "/api/events/" + (eventIds.isEmpty() ? "x" : pick(eventIds)), "/api/events",
                "/api/events/stream", "/api/programmes", "/api/municipalities", "/api/companies",
                "/api/programmes/akson/coverage/timeline", "/api/integrity/tree-head", "/api/integrity/public-key",
                "/api/integrity/inclusion-proof", "/api/integrity/consistency-proof", "/api/imports/x",
                "/actuator/health", "/actuator/processors", "/v3/api-docs", "/error", "/"));
        String name = pick(List.of("asOf", "knownAt", "declaration", "agreement", "after", "limit", "from", "to",
                "leafIndex", "treeSize", "eventId", "delimiter", "unknown"));
        String value = pick(List.of("2020-07-01", "2020-07-01T10:15:30Z", "%2B1000000000-01-01T00:00:00Z",
                "%2B1000000000-12-31T23:59:59.999999999Z", "-1000000000-01-01T00:00:00Z", "999999999-12-31",
                "%2B999999999-12-31", "1899-12-31T23:59:59Z", "3000-01-01T00:00:00Z", "abc", "", "%00", "%C0%AF",
                "%E2%80%AE", "SIGNED", "signed", "NONE", "1", "-1", "99999999999999999999", "1e400", "%27%20OR%201%3D1",
                "x".repeat(5000), "2020-02-30", "2020-07-01T25:00:00Z", "semicolon", "%F0%9F%98%80"));
        Map<String, String> headers = random.nextInt(4) == 0 ? Map.of("Accept", pick(ACCEPTS)) : Map.of();
        String query = "?" + name + "=" + value + (random.nextBoolean() ? "" : "&" + name + "=" + value);
        return new Attempt("read", "GET", path + query, headers, null, null, null);
    }

    private Attempt oddPath() {
        String path = pick(List.of("/api/programmes/AKSON/coverage", "/api/programmes/ak%20son/coverage",
                "/api/programmes/" + "a".repeat(300) + "/coverage", "/api/programmes/%F0%9F%98%80/coverage",
                "/api/programmes/-x/participants", "/api/municipalities/%D9%A0%D9%A3%D9%A0%D9%A1/history",
                "/api/municipalities/%EF%BC%90%EF%BC%93%EF%BC%90%EF%BC%91/history", "/api/municipalities/0301%00/history",
                "/api/events/..%2F..%2Fetc%2Fpasswd", "/api/events/%2e%2e/retraction", "/api/events/%252e%252e",
                "/api/../api/programmes/akson/coverage", "/api/programmes/akson/coverage/", "//api/programmes",
                "/api/programmes;jsessionid=x/akson/coverage", "/api/programmes/akson;x=y/coverage", "/nope",
                "/api", "/api/", "/WEB-INF/web.xml", "/META-INF/MANIFEST.MF", "/actuator/env", "/actuator/heapdump",
                "/%", "/a%2fb", "/a%5cb", "/%C0%AE%C0%AE/", "/api/events/" + "9".repeat(5000),
                "/api/programmes/akson/participants/0301/declaration/withdrawal/extra", "/swagger-ui.html",
                "/swagger-ui/index.html", "/v3/api-docs.yaml", "/api/municipalities/0301/population/"));
        if (path.contains("%00") || path.contains("%2e") || path.contains("%25") || path.contains("%2F")
                || path.contains("%C0") || path.equals("/%") || path.contains("%2f") || path.contains("%5c")
                || path.contains("..") || path.contains(";")) {
            return new Attempt("odd path (raw)", null, null, null, null, "GET " + path + " HTTP/1.1",
                    List.of("Host: localhost"));
        }
        String method = random.nextBoolean() ? "GET" : "POST";
        return new Attempt("odd path", method, path, method.equals("POST")
                ? Map.of("Content-Type", "application/json") : Map.of(),
                method.equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null, null, null);
    }

    private Attempt oddMethod() {
        Write write = pick(writes());
        String method = pick(METHODS);
        boolean withBody = !method.equals("GET") && !method.equals("HEAD") && random.nextBoolean();
        return new Attempt("odd method", method, write.path(), withBody
                ? Map.of("Content-Type", "application/json") : Map.of(),
                withBody ? json(write.body(), null, null).getBytes(StandardCharsets.UTF_8) : null, null, null);
    }

    private Attempt oddHeaders() {
        Write write = pick(writes());
        Map<String, String> headers = new LinkedHashMap<>();
        String contentType = pick(CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        if (random.nextBoolean()) {
            headers.put("Accept", pick(ACCEPTS));
        }
        if (random.nextInt(4) == 0) {
            headers.put(pick(List.of("Content-Encoding", "Idempotency-Key", "X-Forwarded-For", "Origin", "Cookie",
                    "Accept-Charset", "Accept-Language", "Range", "If-Match", "Authorization")),
                    pick(List.of("gzip", "x".repeat(4000), "' OR 1=1 --", "*", "bytes=0-1,2-3", "Basic !!!",
                            "Bearer x.y.z", "null", "é")));
        }
        byte[] body = json(write.body(), null, null).getBytes(StandardCharsets.UTF_8);
        if (contentType.contains("form")) {
            body = "id=x&name=y".getBytes(StandardCharsets.UTF_8);
        } else if (contentType.contains("yaml")) {
            body = "id: x\nname: y\n".getBytes(StandardCharsets.UTF_8);
        }
        return new Attempt("odd headers", "POST", write.path(), headers, body, null, null);
    }

    /** What only a socket can send: request lines and headers that break HTTP, odd framing. */
    private Attempt rawRequest() {
        String json = "{\"reason\":\"x\",\"retractedOn\":\"2021-08-01\"}";
        String post = "POST /api/events/" + UUID.randomUUID() + "/retraction HTTP/1.1";
        return switch (random.nextInt(24)) {
            case 22 -> raw("PRI * HTTP/2.0");
            case 23 -> raw("GET /api/programmes/akson/coverage");
            case 0 -> raw("GET / HTTP/9.9", "Host: x");
            case 1 -> raw("GET /api/programmes/akson/coverage HTTP/2.0", "Host: x");
            case 2 -> raw("CONNECT localhost:443 HTTP/1.1", "Host: x");
            case 3 -> raw("TRACE /api/programmes/akson/coverage HTTP/1.1", "Host: x");
            case 4 -> raw("G{T /api/programmes HTTP/1.1", "Host: x");
            case 5 -> raw("GET /a b HTTP/1.1", "Host: x");
            case 6 -> raw("GET /api/programmes/akson/coverage?asOf=%ZZ HTTP/1.1", "Host: x");
            case 7 -> raw("GET /%ZZ HTTP/1.1", "Host: x");
            case 8 -> raw("GET /api/programmes/akson/coverage HTTP/1.1", "Host: x", "Bad Header: y");
            case 9 -> raw("GET /api/programmes/akson/coverage HTTP/1.1");
            case 10 -> raw("GET /api/programmes/akson/coverage HTTP/1.1", "Host: x", "X-Big: " + "a".repeat(9000));
            case 11 -> raw("GET /api/programmes/akson/coverage HTTP/1.1", "Host: x", "Host: y");
            case 12 -> new Attempt("raw", null, null, null, "x".getBytes(StandardCharsets.UTF_8), post,
                    List.of("Host: x", "Content-Type: application/json", "Content-Length: 5", "Content-Length: 7"));
            case 13 -> new Attempt("raw", null, null, null, "zz\r\n".getBytes(StandardCharsets.UTF_8), post,
                    List.of("Host: x", "Content-Type: application/json", "Transfer-Encoding: chunked"));
            case 14 -> new Attempt("raw", null, null, null, json.getBytes(StandardCharsets.UTF_8), post,
                    List.of("Host: x", "Content-Type: application/json", "Content-Length: 100000000"));
            case 15 -> new Attempt("raw", null, null, null, json.getBytes(StandardCharsets.UTF_8), post,
                    List.of("Host: x", "Content-Type: application/json", "Transfer-Encoding: gzip, chunked"));
            case 16 -> raw("GET /api/programmes/akson/coverage HTTP/1.0");
            case 17 -> raw("GET /api/municipalities/03%0001/history HTTP/1.1", "Host: x");
            case 18 -> raw("GET /api/programmes/akson/coverage HTTP/1.1", "Host: x", "X-Ctl: a\u0001b");
            case 19 -> raw("GET /api/programmes/akson/coverage HTTP/1.1", "Host: x", "Expect: 100-continue");
            case 20 -> raw("GET http://evil.example/api/programmes/akson/coverage HTTP/1.1", "Host: x");
            default -> raw("DELETE /api/programmes/akson HTTP/1.1", "Host: x");
        };
    }

    private static Attempt raw(String requestLine, String... headers) {
        return new Attempt("raw", null, null, null, null, requestLine, List.of(headers));
    }

    private static Attempt post(String what, String path, String json) {
        return new Attempt(what, "POST", path, Map.of("Content-Type", "application/json"),
                json.getBytes(StandardCharsets.UTF_8), null, null);
    }

    private String randomDate() {
        return String.format("%04d-%02d-%02d", 2000 + random.nextInt(30), 1 + random.nextInt(12),
                1 + random.nextInt(28));
    }

    private String unknownNumber() {
        return String.valueOf(8000 + random.nextInt(1000));
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    /** The body as JSON, with {@code field}'s value replaced by the raw JSON text {@code value}. */
    private static String json(Map<String, Object> body, String field, String value) {
        StringBuilder json = new StringBuilder("{");
        boolean replaced = false;
        for (Map.Entry<String, Object> entry : body.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(quoted(entry.getKey())).append(':');
            if (entry.getKey().equals(field)) {
                json.append(value);
                replaced = true;
            } else {
                json.append(valueJson(entry.getValue()));
            }
        }
        if (field != null && !replaced) {
            json.append(json.length() > 1 ? "," : "").append(quoted(field)).append(':').append(value);
        }
        return json.append('}').toString();
    }

    @SuppressWarnings("unchecked")
    private static String valueJson(Object value) {
        if (value instanceof String text) {
            return quoted(text);
        }
        if (value instanceof Map<?, ?> map) {
            return json((Map<String, Object>) map, null, null);
        }
        if (value instanceof List<?> list) {
            StringBuilder json = new StringBuilder("[");
            for (Object element : list) {
                json.append(json.length() > 1 ? "," : "").append(valueJson(element));
            }
            return json.append(']').toString();
        }
        return String.valueOf(value);
    }

    /** A JSON string; characters outside printable ASCII as escapes, so lone surrogates survive. */
    static String quoted(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
