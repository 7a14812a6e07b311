package no.ledger.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Problem documents (RFC 9457) written where Spring MVC's exception handling does not reach: in servlet filters
 * and in Tomcat's error report valve. Same members as {@link ProblemDetailsAdvice}'s, without a JSON library, so
 * that it works before the application's beans exist.
 */
public final class ProblemJson {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String TYPE_PREFIX = "urn:problem-type:commitment-ledger:";

    private ProblemJson() {
    }

    /** The rule of an answer that only the HTTP status explains: {@code payload-too-large} for 413. */
    public static String ruleOf(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 408 -> "request-timeout";
            case 411 -> "length-required";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 417 -> "expectation-failed";
            case 431 -> "request-header-fields-too-large";
            case 500 -> "internal-error";
            case 501 -> "not-implemented";
            case 503 -> "service-unavailable";
            case 505 -> "http-version-not-supported";
            default -> "http-" + status;
        };
    }

    /** What a status means, in the ledger's words, for answers that have nothing more specific to say. */
    public static String detailOf(int status) {
        return switch (status) {
            case 400 -> "the request is not a well-formed HTTP request (its path, query or headers)";
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not take this method";
            case 406 -> "this path answers with application/json only";
            case 408 -> "the request did not arrive in time";
            case 411 -> "the request must say how long its body is";
            case 413 -> "the request is larger than the ledger takes";
            case 414 -> "the request's path and query are longer than the ledger takes";
            case 415 -> "the request body must be JSON (Content-Type: application/json)";
            case 431 -> "the request's headers are larger than the ledger takes";
            case 501 -> "the ledger does not implement this method";
            case 505 -> "the ledger speaks HTTP/1.1 (and HTTP/1.0)";
            default -> status >= 500 ? "the ledger failed to answer; nothing was recorded by this request"
                    : "the request cannot be answered";
        };
    }

    /** {@code payload-too-large} becomes "Payload too large". */
    static String titleOf(String rule) {
        String words = rule.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    public static String body(int status, String rule, String detail) {
        return "{\"type\":" + quoted(TYPE_PREFIX + rule) + ",\"title\":" + quoted(titleOf(rule)) + ",\"status\":"
                + status + ",\"detail\":" + quoted(detail) + ",\"rule\":" + quoted(rule) + "}";
    }

    /** Answers with a problem document, unless something was answered already. */
    public static void write(HttpServletResponse response, int status, String rule, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        byte[] body = body(status, rule, detail).getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
        response.flushBuffer();
    }

    private static String quoted(String text) {
        StringBuilder json = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        json.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"').toString();
    }
}
