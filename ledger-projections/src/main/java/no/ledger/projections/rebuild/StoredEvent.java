package no.ledger.projections.rebuild;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import no.ledger.core.shared.LedgerEvent;
import no.ledger.projections.EventJson;

/**
 * A row of the event store as a rebuild reads it: what the live processors get as an event message (identifier,
 * aggregate, sequence number, global position, recorded instant, who recorded it), with the payload still as stored.
 */
public record StoredEvent(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                          Instant recordedAt, String payloadType, byte[] payload, byte[] metaData) {

    private static final Map<String, Class<?>> TYPES = new ConcurrentHashMap<>();

    /** The event, read with the mapper the event store's serializer uses. */
    public Object event() {
        try {
            return EventJson.objectMapper().readValue(payload, TYPES.computeIfAbsent(payloadType, StoredEvent::type));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read event " + eventId, unreadable);
        }
    }

    /** The caller who recorded it, from the event's metadata (as the live history reads it), or null. */
    public String recordedBy() {
        if (metaData == null) {
            return null;
        }
        // Read as a stream up to the one member wanted, not as a tree of all of them: a rebuild asks it of every event.
        try (JsonParser parser = EventJson.objectMapper().getFactory().createParser(metaData)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                boolean wanted = "recordedBy".equals(parser.currentName());
                JsonToken value = parser.nextToken();
                if (wanted) {
                    return value == JsonToken.VALUE_NULL ? null : parser.getValueAsString();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read the metadata of event " + eventId, unreadable);
        }
    }

    public boolean isLedgerEvent() {
        return LedgerEvent.class.isAssignableFrom(TYPES.computeIfAbsent(payloadType, StoredEvent::type));
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException unknown) {
            throw new IllegalStateException("the event store holds events of an unknown type " + name, unknown);
        }
    }
}
