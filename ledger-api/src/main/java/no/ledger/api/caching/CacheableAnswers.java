package no.ledger.api.caching;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.List;
import no.ledger.api.security.AccessRules;
import no.ledger.api.security.LedgerSecurityProperties;
import org.springframework.http.HttpHeaders;
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
    private final JsonFactory json = new JsonFactory();

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
        String digest = stateDigest(json, body.getContentAsByteArray());
        if (digest != null) {
            response.setHeader(HttpHeaders.ETAG, "W/\"" + digest + "\"");
        }
    }

    /**
     * The MD5 of a JSON object's bytes around its top-level {@code knownAt} and {@code next} members, or null if it
     * has no {@code knownAt}. The members are found with a streaming parser and the bytes hashed where they lie:
     * reading the body into a tree and writing it again took a fifth of a participants query's CPU.
     */
    static String stateDigest(JsonFactory json, byte[] body) throws IOException {
        MessageDigest md5;
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException unavailable) {
            throw new IllegalStateException(unavailable);
        }
        boolean echoesKnownAt = false;
        int hashedUpTo = 0;
        try (JsonParser parser = json.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int memberStart = (int) parser.currentTokenLocation().getByteOffset();
                parser.nextToken();
                parser.skipChildren();
                // A string is read lazily: finish it, so that the location is past its closing quote.
                parser.finishToken();
                if (name.equals("knownAt") || name.equals("next")) {
                    echoesKnownAt |= name.equals("knownAt");
                    md5.update(body, hashedUpTo, memberStart - hashedUpTo);
                    hashedUpTo = (int) parser.currentLocation().getByteOffset();
                }
            }
        }
        if (!echoesKnownAt) {
            return null;
        }
        md5.update(body, hashedUpTo, body.length - hashedUpTo);
        return HexFormat.of().formatHex(md5.digest());
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
