package no.ledger.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Refuses what Tomcat lets through but nobody could answer as asked: an {@code Accept} header that is no list of
 * media types (Spring MVC would then fail to write even its error), and a query whose percent-encoding is broken
 * (Tomcat would silently drop the parameter, so {@code asOf=%ZZ} would answer for today). And a request with a body
 * whose {@code Accept} excludes JSON: its decision would be recorded, then answered 406.
 */
public class MalformedRequestFilter extends HttpFilter {

    /** Set by Tomcat when it could not decode the query string's parameters. */
    private static final String PARAMETER_PARSE_FAILED = "org.apache.catalina.parameter_parse_failed";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            chain.doFilter(request, response);
            return;
        }
        List<MediaType> accepted = new ArrayList<>();
        for (String accept : Collections.list(request.getHeaders("Accept"))) {
            try {
                accepted.addAll(MediaType.parseMediaTypes(accept));
            } catch (InvalidMediaTypeException malformed) {
                refuse(request, response, 406, "not-acceptable",
                        "the Accept header is not a list of media types; this path answers with application/json");
                return;
            }
        }
        // A decision whose answer the caller will not take is refused before it is recorded, not after.
        if (hasBody(request) && !accepted.isEmpty()
                && accepted.stream().noneMatch(type -> type.includes(MediaType.APPLICATION_JSON))) {
            refuse(request, response, 406, "not-acceptable",
                    "a decision is answered with application/json; the Accept header does not take it");
            return;
        }
        // Boot answers the page's address with an empty 406 when the Accept header takes no HTML.
        if (isThePage(request) && !accepted.isEmpty()
                && accepted.stream().noneMatch(type -> type.includes(MediaType.TEXT_HTML))) {
            refuse(request, response, 406, "not-acceptable", "this path answers with the page, text/html");
            return;
        }
        // Parameters come from the query only: Tomcat reads no request body for them (parseBodyMethods is empty).
        request.getParameterNames();
        if (request.getAttribute(PARAMETER_PARSE_FAILED) != null) {
            refuse(request, response, 400, "query-encoding",
                    "the query string is not well-formed: its percent-encoding is broken or it is not UTF-8");
            return;
        }
        chain.doFilter(request, response);
    }

    /** A refused request's body is not read: the connection closes after the answer (see RequestBodyFilter). */
    private static void refuse(HttpServletRequest request, HttpServletResponse response, int status, String rule,
                               String detail) throws IOException {
        if (hasBody(request)) {
            response.setHeader("Connection", "close");
        }
        ProblemJson.write(response, status, rule, detail);
        if (hasBody(request)) {
            RequestBodyFilter.discardBody(request);
        }
    }

    private static boolean isThePage(HttpServletRequest request) {
        return "/".equals(request.getRequestURI().substring(request.getContextPath().length()));
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
    }
}
