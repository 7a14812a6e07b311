package no.ledger.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Until the service is ready (the reference data recorded, the read models caught up), and again while it shuts
 * down, {@code /api/**} answers 503 with {@code Retry-After}: a decision sent meanwhile would race the reference
 * data, and a read would answer from read models that miss decisions. Runs before everything else, security too,
 * so that nothing touches the database for a request it turns away.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class ServiceAvailabilityFilter extends OncePerRequestFilter {

    static final String RETRY_AFTER_SECONDS = "5";

    private final ApplicationAvailability availability;
    private final ObjectMapper json = new ObjectMapper();
    private volatile boolean wasReady;

    public ServiceAvailabilityFilter(ApplicationAvailability availability) {
        this.availability = availability;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !(path.equals("/api") || path.startsWith("/api/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
            wasReady = true;
            chain.doFilter(request, response);
            return;
        }
        String rule = wasReady ? "service-stopping" : "service-starting";
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", ProblemJson.TYPE_PREFIX + rule);
        problem.put("title", wasReady ? "Service stopping" : "Service starting");
        problem.put("status", HttpStatus.SERVICE_UNAVAILABLE.value());
        problem.put("detail", wasReady
                ? "the ledger is shutting down; nothing was recorded by this request; try another instance"
                : "the ledger is starting: it records its reference data and brings its read models up to date;"
                        + " nothing was recorded by this request; try again in " + RETRY_AFTER_SECONDS + " seconds");
        problem.put("instance", request.getRequestURI());
        problem.put("rule", rule);
        response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        json.writeValue(response.getOutputStream(), problem);
    }
}
