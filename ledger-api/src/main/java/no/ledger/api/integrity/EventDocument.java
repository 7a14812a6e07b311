package no.ledger.api.integrity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import no.ledger.api.config.AxonConfiguration;
import no.ledger.projections.EventJson;

/**
 * An event as {@code GET /api/events/{id}} shows it, built from its row in the event store, and its leaf in the
 * verifiable log: the RFC 8785 canonical JSON of exactly this object. Every stored column that says what happened
 * is in it (the payload, the metadata with who recorded it, the time), so changing any of them changes the leaf.
 */
public final class EventDocument {

    /** The columns of domain_event_entry that {@link #of} reads. */
    public static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, sequence_number,"
            + " payload_type, time_stamp, payload, meta_data";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventDocument() {
    }

    public static ObjectNode of(ResultSet row) throws SQLException {
        return of(Stored.of(row));
    }

    /** An event's row as read, its JSON still bytes: parsing can then happen on another thread. */
    public record Stored(long globalIndex, String eventId, String aggregateId, long sequenceNumber,
                         String payloadType, String timeStamp, byte[] payload, byte[] metadata) {

        public static Stored of(ResultSet row) throws SQLException {
            return new Stored(row.getLong("global_index"), row.getString("event_identifier"),
                    row.getString("aggregate_identifier"), row.getLong("sequence_number"),
                    row.getString("payload_type"), row.getString("time_stamp"), row.getBytes("payload"),
                    row.getBytes("meta_data"));
        }
    }

    public static ObjectNode of(Stored row) {
        JsonNode metadata = EventJson.tree(row.metadata());
        String payloadType = row.payloadType();
        ObjectNode event = NODES.objectNode();
        event.put("eventId", row.eventId());
        event.put("aggregateId", row.aggregateId());
        event.put("sequenceNumber", row.sequenceNumber());
        event.put("type", payloadType.substring(payloadType.lastIndexOf('.') + 1));
        event.put("recordedAt", recordedAt(row.timeStamp()));
        JsonNode recordedBy = metadata.path(AxonConfiguration.RECORDED_BY);
        event.put("recordedBy", recordedBy.isTextual() ? recordedBy.textValue() : null);
        event.set("metadata", metadata.isMissingNode() ? NODES.nullNode() : metadata);
        event.set("payload", EventJson.tree(row.payload()));
        return event;
    }

    /**
     * The recorded instant in one fixed form, ISO-8601 in UTC with 0, 3, 6 or 9 decimals as needed
     * ({@link DateTimeFormatter#ISO_INSTANT}), whatever form the store holds it in: the leaf must not change when
     * the same instant is written another way.
     */
    static String recordedAt(String stored) {
        return DateTimeFormatter.ISO_INSTANT.format(Instant.parse(stored));
    }

    /** The leaf: the canonical JSON of the event's document without {@code integrity}. */
    public static byte[] leaf(ObjectNode event) {
        return CanonicalJson.bytes(event);
    }
}
