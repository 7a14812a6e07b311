package no.ledger.projections.rebuild;

import com.fasterxml.jackson.databind.JsonNode;
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
        JsonNode recordedBy = EventJson.tree(metaData).get("recordedBy");
        return recordedBy == null || recordedBy.isNull() ? null : recordedBy.asText();
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
