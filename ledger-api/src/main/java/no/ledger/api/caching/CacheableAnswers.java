package no.ledger.api.caching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import no.ledger.api.security.AccessRules;
import no.ledger.api.security.LedgerSecurityProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.util.DigestUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * {@code Cache-Control} of the API's answers. An answer whose {@code knownAt} and {@code asOf} are both given and
 * whose {@code knownAt} lies before the {@link SettledHorizon} describes a fixed state of the ledger: cacheable for
 * good ({@code immutable}). Any other answer may change and must be revalidated by its {@code ETag}
 * ({@code no-cache}). Public reads may be kept by shared caches; anything that needs a role only by the caller's own
 * ({@code private}), and so are public reads when {@code ledger.security.public-reads=false}.
 *
 * <p>Runs inside the ETag filter, which holds the body back until this filter has set the header on a 200.
 */
public class CacheableAnswers extends OncePerRequestFilter {

    private final SettledHorizon horizon;
    private final CachingProperties properties;
    private final boolean publicReads;
    private final List<PathPattern> publicPaths;
    private final ObjectMapper json = new ObjectMapper();

    public CacheableAnswers(SettledHorizon horizon, CachingProperties properties,
                            LedgerSecurityProperties security) {
        this.horizon = horizon;
        this.properties = properties;
        this.publicReads = security.publicReads();
        this.publicPaths = AccessRules.PUBLIC_READS.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"GET".equals(request.getMethod()) || CachingConfiguration.isFeed(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, response);
        if (response.getStatus() != HttpServletResponse.SC_OK || response.containsHeader(HttpHeaders.CACHE_CONTROL)) {
            return;
        }
        if (request.getParameter("knownAt") == null) {
            stateEtag(response);
        }
        String audience = publicReads && isPublicRead(request) ? "public" : "private";
        if (fixed(request)) {
            response.setHeader(HttpHeaders.CACHE_CONTROL, audience + ", max-age="
                    + properties.immutableMaxAge().toSeconds() + ", immutable");
        } else {
            response.setHeader(HttpHeaders.CACHE_CONTROL, "public".equals(audience) ? "no-cache" : "private, no-cache");
        }
    }

    /**
     * An answer for {@code knownAt} = now echoes a new instant each time, so its body's hash would never match: its
     * ETag is that of the state it shows, the body without {@code knownAt} and the {@code next} link that pins it,
     * and weak, since two such bodies are equivalent rather than identical.
     */
    private void stateEtag(HttpServletResponse response) throws IOException {
        ContentCachingResponseWrapper body = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        String contentType = response.getContentType();
        if (body == null || contentType == null || !contentType.contains("json")) {
            return;
        }
        JsonNode answer = json.readTree(body.getContentAsByteArray());
        if (answer instanceof ObjectNode object && object.has("knownAt")) {
            object.remove(List.of("knownAt", "next"));
            response.setHeader(HttpHeaders.ETAG, "W/\"" + DigestUtils.md5DigestAsHex(json.writeValueAsBytes(object))
                    + "\"");
        }
    }

    /** Both points in time given, and the instant one settled: nothing recorded later can change the answer. */
    private boolean fixed(HttpServletRequest request) {
        String knownAt = request.getParameter("knownAt");
        if (knownAt == null || request.getParameter("asOf") == null) {
            return false;
        }
        try {
            return horizon.hasSettled(Instant.parse(knownAt));
        } catch (DateTimeParseException notAnInstant) {
            return false;
        }
    }

    private boolean isPublicRead(HttpServletRequest request) {
        var path = org.springframework.http.server.PathContainer.parsePath(request.getRequestURI()
                .substring(request.getContextPath().length()));
        return publicPaths.stream().anyMatch(pattern -> pattern.matches(path));
    }
}
