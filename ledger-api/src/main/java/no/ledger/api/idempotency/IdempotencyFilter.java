package no.ledger.api.idempotency;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.security.Principal;
import java.util.Collections;
import no.ledger.api.web.BodyInHand;
import no.ledger.api.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Exactly once for retried POSTs ({@code Idempotency-Key}, IETF httpapi draft). Runs after Spring Security, so the
 * caller is known: keys are scoped per caller. The first request with a key claims it (an INSERT on the primary key
 * (caller, key)), is carried out, and its answer is stored; a repeat with the same fingerprint (method, path,
 * canonical body) gets that answer again, and records nothing; another request with the key is 422
 * {@code idempotency-key-reused}; a repeat while the first runs waits for its answer, or is 409
 * {@code request-in-progress}.
 *
 * <p>Which answers are kept: every answer below 500, including the problem documents of broken rules and malformed
 * requests (carrying the request out again would record nothing either), except those marked retryable (a lost
 * race with another writer: {@link #markRetryable}). A 5xx or a failure gives the key up at once; a crash leaves
 * the claim, which expires after {@link IdempotencyProperties#claimTimeout()}. A decision's 201 is stored with its
 * events, in their transaction ({@link IdempotentCommandInterceptor}), never after them.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyFilter.class);

    /** Set on answers to a repeat, as some payment APIs do, so that a client can tell a replay from a first answer. */
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final String RETRYABLE_ATTRIBUTE = IdempotencyFilter.class.getName() + ".retryable";

    private final IdempotencyKeys keys;
    private final ObjectMapper json;

    public IdempotencyFilter(IdempotencyKeys keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    /** An answer that says "try again" (a transient conflict) is not kept: a retry with the key may succeed. */
    public static void markRetryable(HttpServletRequest request) {
        request.setAttribute(RETRYABLE_ATTRIBUTE, Boolean.TRUE);
    }

    /**
     * A request with a body reaches this filter once the body is whole: in its first dispatch if the body came with
     * the headers, else on its ASYNC dispatch ({@code RequestBodyFilter}).
     */
    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(IdempotencyKeyHeader.NAME) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Principal caller = request.getUserPrincipal();
        if (caller == null) {
            // Every POST needs a role, so Spring Security answered already; without a caller there is no scope.
            chain.doFilter(request, response);
            return;
        }
        IdempotencyKeyHeader.Parsed header = IdempotencyKeyHeader.parse(
                Collections.list(request.getHeaders(IdempotencyKeyHeader.NAME)));
        if (header instanceof IdempotencyKeyHeader.Invalid invalid) {
            writeProblem(request, response, HttpStatus.BAD_REQUEST, "idempotency-key-format",
                    IdempotencyKeyHeader.NAME + " " + invalid.reason());
            return;
        }
        String key = ((IdempotencyKeyHeader.Key) header).value();
        byte[] body = request.getInputStream().readAllBytes();
        String fingerprint = RequestFingerprint.of(request.getMethod(), pathOf(request), body);

        IdempotencyKeys.Outcome outcome = keys.claim(caller.getName(), key, fingerprint);
        if (outcome instanceof IdempotencyKeys.Claimed claimed) {
            carryOut(new BodyInHand(request, body), response, chain, claimed.claim());
        } else if (outcome instanceof IdempotencyKeys.Replay replay) {
            replay(response, replay.answer());
        } else if (outcome instanceof IdempotencyKeys.Reused) {
            writeProblem(request, response, HttpStatus.UNPROCESSABLE_ENTITY, "idempotency-key-reused", "this "
                    + IdempotencyKeyHeader.NAME + " was used for another request (another body or path);"
                    + " use a new key for a new request");
        } else {
            response.setHeader(HttpHeaders.RETRY_AFTER, "1");
            writeProblem(request, response, HttpStatus.CONFLICT, "request-in-progress", "a request with this "
                    + IdempotencyKeyHeader.NAME + " is still being carried out; try again shortly");
        }
    }

    private void carryOut(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
                          IdempotencyClaim claim) throws ServletException, IOException {
        request.setAttribute(IdempotencyClaim.REQUEST_ATTRIBUTE, claim);
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException failure) {
            keys.release(claim);
            throw failure;
        }
        // Stored before the client hears it, so that a repeat never finds an answer that was sent but not kept.
        try {
            int status = captured.getStatus();
            if (status >= 500 || request.getAttribute(RETRYABLE_ATTRIBUTE) != null) {
                keys.release(claim);
            } else {
                keys.answer(claim, new StoredAnswer(status, captured.getContentType(),
                        captured.getHeader(HttpHeaders.LOCATION), captured.getContentAsByteArray()));
            }
        } catch (RuntimeException unstored) {
            // The client still gets its answer; its key stays claimed until the claim expires.
            LOG.warn("Could not store the answer for Idempotency-Key '{}' of {}", claim.key(), claim.caller(),
                    unstored);
        }
        captured.copyBodyToResponse();
    }

    private static void replay(HttpServletResponse response, StoredAnswer answer) throws IOException {
        response.setStatus(answer.status());
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        response.setHeader(REPLAYED_HEADER, "true");
        byte[] body = answer.body() != null ? answer.body() : new byte[0];
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private void writeProblem(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
                              String rule, String detail) throws IOException {
        ProblemDetail problem = Problems.problem(status, rule, IdempotencyKeyHeader.NAME, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }

    private static String pathOf(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }
}
