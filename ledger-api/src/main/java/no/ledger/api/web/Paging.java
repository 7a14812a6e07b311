package no.ledger.api.web;

import java.util.Map;
import java.util.regex.Pattern;
import no.ledger.projections.timeline.AsOf;
import org.springframework.http.HttpStatus;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Paging of listings and histories: {@code limit} items a page (100 unless asked, at most 1000), continuing
 * {@code after} the last key of the page before, and the {@code next} link that does so. The link pins {@code asOf}
 * and {@code knownAt} to those of the first page, so that a caller paging through a listing sees one state of the
 * ledger even while decisions are recorded.
 */
final class Paging {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    /** The page size asked for, or the default; a bad one is a 400 naming {@code limit}. */
    static int limit(Integer limit) {
        if (limit == null) {
            return DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidPaging("limit", "page-limit",
                    "limit must be between 1 and " + MAX_LIMIT + "; got " + limit);
        }
        return limit;
    }

    /** The key to continue after, checked against the listing's key format; a bad one is a 400 naming {@code after}. */
    static String after(String after, Pattern keyFormat, String keyDescription) {
        if (after == null) {
            return null;
        }
        if (!keyFormat.matcher(after).matches()) {
            throw new InvalidPaging("after", "page-cursor", "after must be " + keyDescription + "; got '"
                    + after + "'");
        }
        return after;
    }

    /** The address of the next page, absolute and as the caller sees the service (behind a gateway too). */
    static String next(String nextAfter, AsOf at, int limit) {
        if (nextAfter == null) {
            return null;
        }
        ServletRequestAttributes current = (ServletRequestAttributes) RequestContextHolder.currentRequestAttributes();
        UriComponentsBuilder link = ServletUriComponentsBuilder.fromCurrentRequestUri();
        for (Map.Entry<String, String[]> parameter : current.getRequest().getParameterMap().entrySet()) {
            link.queryParam(parameter.getKey(), (Object[]) parameter.getValue());
        }
        return link.replaceQueryParam("asOf", at.asOf())
                .replaceQueryParam("knownAt", at.knownAt())
                .replaceQueryParam("limit", limit)
                .replaceQueryParam("after", nextAfter)
                .encode().build().toUriString();
    }

    /** A paging parameter the ledger cannot use: 400, naming the parameter and the rule. */
    static final class InvalidPaging extends ErrorResponseException {

        InvalidPaging(String field, String rule, String detail) {
            super(HttpStatus.BAD_REQUEST, Problems.problem(HttpStatus.BAD_REQUEST, rule, field, detail), null);
        }
    }
}
