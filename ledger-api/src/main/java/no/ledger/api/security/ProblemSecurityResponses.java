package no.ledger.api.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import no.ledger.api.web.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * Access refused, in the ledger's problem documents: 401 {@code credentials-required} with the schemes a caller may
 * use in {@code WWW-Authenticate}; 403 {@code role-required} naming the role the request needs; and 400
 * {@code request-rejected} for what Spring Security's firewall turns away (encoded slashes, {@code ..}, odd methods).
 * No detail of an exception reaches the caller.
 */
public final class ProblemSecurityResponses implements AuthenticationEntryPoint, AccessDeniedHandler,
        RequestRejectedHandler {

    static final String REALM = "commitment-ledger";

    private final ObjectMapper json;
    private final boolean bearerTokens;

    ProblemSecurityResponses(ObjectMapper json, boolean bearerTokens) {
        this.json = json;
        this.bearerTokens = bearerTokens;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
                         AuthenticationException refused) throws IOException {
        boolean badToken = refused instanceof OAuth2AuthenticationException;
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        if (bearerTokens) {
            response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\""
                    + (badToken ? ", error=\"invalid_token\"" : ""));
        }
        String detail = badToken ? "the bearer token is not valid: it is malformed, expired, or not signed by a"
                + " trusted issuer"
                : request.getHeader(HttpHeaders.AUTHORIZATION) == null
                ? "this request needs credentials: HTTP Basic" + (bearerTokens ? " or a bearer token" : "")
                : "the credentials are not valid";
        write(response, Problems.problem(HttpStatus.UNAUTHORIZED, "credentials-required", null, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       AccessDeniedException denied) throws IOException {
        String detail = rolesNeeded(request)
                .map(roles -> "this request needs the role " + roles.stream().map(Enum::name)
                        .collect(Collectors.joining(" or ")) + ", which the caller does not have")
                .orElse("the caller's roles do not allow this request");
        write(response, Problems.problem(HttpStatus.FORBIDDEN, "role-required", null, detail));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response,
                       RequestRejectedException rejected) throws IOException {
        write(response, Problems.problem(HttpStatus.BAD_REQUEST, "request-rejected", null,
                "the request's method, path or headers are not acceptable (for example an encoded slash, a '..'"
                        + " segment or a control character)"));
    }

    /** Spring's CORS checks, with a refused origin answered as a problem document rather than plain text. */
    CorsProcessor corsProcessor() {
        return new DefaultCorsProcessor() {
            @Override
            protected void rejectRequest(ServerHttpResponse response) throws IOException {
                response.setStatusCode(HttpStatus.FORBIDDEN);
                response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
                json.writeValue(response.getBody(), Problems.problem(HttpStatus.FORBIDDEN, "origin-allowed", null,
                        "this origin may not call the ledger from a browser"));
                response.flush();
            }
        };
    }

    static Optional<List<LedgerRole>> rolesNeeded(HttpServletRequest request) {
        return AccessRules.RULES.stream()
                .filter(rule -> PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pathPattern())
                        .matches(request))
                .map(AccessRules.Rule::roles)
                .findFirst();
    }

    private void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
