package no.ledger.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Refuses what Tomcat lets through but nobody could answer as asked: an {@code Accept} header that is no list of
 * media types (Spring MVC would then fail to write even its error), and a query whose percent-encoding is broken
 * (Tomcat would silently drop the parameter, so {@code asOf=%ZZ} would answer for today).
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
        for (String accept : Collections.list(request.getHeaders("Accept"))) {
            try {
                MediaType.parseMediaTypes(accept);
            } catch (InvalidMediaTypeException malformed) {
                ProblemJson.write(response, 406, "not-acceptable",
                        "the Accept header is not a list of media types; this path answers with application/json");
                return;
            }
        }
        // Parameters come from the query only: Tomcat reads no request body for them (parseBodyMethods is empty).
        request.getParameterNames();
        if (request.getAttribute(PARAMETER_PARSE_FAILED) != null) {
            ProblemJson.write(response, 400, "query-encoding",
                    "the query string is not well-formed: its percent-encoding is broken or it is not UTF-8");
            return;
        }
        chain.doFilter(request, response);
    }
}
