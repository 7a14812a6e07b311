package no.ledger.api.feed;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import no.ledger.api.web.InvalidParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The ledger's events for other systems to follow, in the event store's global order, each a CloudEvents 1.0 JSON
 * document whose {@code position} extension is its place in that order: a page at a time (JSON, or NDJSON with
 * {@code Accept: application/x-ndjson}), or live as Server-Sent Events whose ids are the positions. Neither goes
 * past the {@link FeedHorizon}, so a reader that continues from the last position it saw misses nothing.
 */
@RestController
@RequestMapping("/api/events")
public class EventFeedController {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final StoredEvents store;
    private final FeedHorizon horizon;
    private final FeedSubscriptions subscriptions;

    public EventFeedController(StoredEvents store, FeedHorizon horizon, FeedSubscriptions subscriptions) {
        this.store = store;
        this.horizon = horizon;
        this.subscriptions = subscriptions;
    }

    /**
     * One page: the events after {@code after}, at most {@code limit}, and where the next page starts. The next
     * position may lie beyond the last event shown when a filter left later events out.
     */
    public record FeedPage(long after, int limit, long nextAfter, String next, List<RawJson> events) {
    }

    @Operation(operationId = "listEvents", summary = "Events in global order, a page at a time",
            description = "Every recorded event after `after`, in the event store's global order, as CloudEvents 1.0 "
                    + "with its `position`: a JSON page with `nextAfter` and `next`, or NDJSON (`Accept: "
                    + "application/x-ndjson`). Filters `type`, `municipality`, `programme`, `company`. Never passes a "
                    + "position whose transaction may still commit.")
    @GetMapping
    public ResponseEntity<?> page(@RequestParam(required = false) Long after,
                                  @RequestParam(required = false) Integer limit,
                                  @RequestParam(required = false) List<String> type,
                                  @RequestParam(required = false) String municipality,
                                  @RequestParam(required = false) String programme,
                                  @RequestParam(required = false) String company,
                                  @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        long from = position(after, "after");
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidParameter("limit", "limit-in-range", "must be from 1 to " + MAX_LIMIT + "; got "
                    + size);
        }
        FeedFilter filter = FeedFilter.of(type, municipality, programme, company);
        long upTo = horizon.horizon();
        List<FeedEvent> events = store.read(from, upTo, filter, size);
        long nextAfter = events.size() == size ? events.get(events.size() - 1).position() : Math.max(from, upTo);
        String next = "/api/events?after=" + nextAfter + "&limit=" + size + filter.asQuery();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok()
                .header(HttpHeaders.LINK, "<" + next + ">; rel=\"next\"")
                .header("Ledger-Next-After", String.valueOf(nextAfter));
        if (wantsNdjson(accept)) {
            StringBuilder lines = new StringBuilder();
            events.forEach(event -> lines.append(event.cloudEventJson()).append('\n'));
            return answer.contentType(NDJSON).body(lines.toString().getBytes(StandardCharsets.UTF_8));
        }
        return answer.contentType(MediaType.APPLICATION_JSON).body(new FeedPage(from, size, nextAfter, next,
                events.stream().map(event -> new RawJson(event.cloudEventJson())).toList()));
    }

    /**
     * The events after {@code after} (or after the {@code Last-Event-ID} a reconnecting client sends, which wins),
     * then each new one as it is recorded, on any instance.
     */
    @Operation(operationId = "streamEvents", summary = "Follow the ledger live, as Server-Sent Events",
            description = "The same events as the pages, live: each SSE `id` is the event's position, so a client "
                    + "that reconnects with `Last-Event-ID` misses nothing and gets nothing twice; a comment every "
                    + "15 s keeps idle connections open.")
    @GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter stream(@RequestParam(required = false) Long after,
                             @RequestParam(required = false) List<String> type,
                             @RequestParam(required = false) String municipality,
                             @RequestParam(required = false) String programme,
                             @RequestParam(required = false) String company,
                             @RequestHeader(value = "Last-Event-ID", required = false) String lastEventId,
                             HttpServletResponse response) {
        long from = position(after, "after");
        if (lastEventId != null && !lastEventId.isBlank()) {
            try {
                from = position(Long.parseLong(lastEventId.strip()), "Last-Event-ID");
            } catch (NumberFormatException notAPosition) {
                throw new InvalidParameter("Last-Event-ID", "format", "must be the id of an event of this stream,"
                        + " a position such as 1234; got '" + lastEventId + "'");
            }
        }
        FeedFilter filter = FeedFilter.of(type, municipality, programme, company);
        // Proxies must pass each event on at once (nginx buffers unless told not to) and keep no copy.
        response.setHeader("X-Accel-Buffering", "no");
        response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
        return subscriptions.subscribe(from, filter);
    }

    private static long position(Long value, String field) {
        if (value == null) {
            return 0;
        }
        if (value < 0) {
            throw new InvalidParameter(field, "position-non-negative", "must be a position, 0 or more; got " + value);
        }
        return value;
    }

    /** NDJSON when the caller prefers it to JSON; JSON otherwise. */
    private static boolean wantsNdjson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted = MediaType.parseMediaTypes(accept);
        MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            if (type.isCompatibleWith(NDJSON) && !type.isWildcardType() && !type.isWildcardSubtype()) {
                return true;
            }
            if (type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        return false;
    }
}
