package no.ledger.api.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonCloudEventData;
import io.cloudevents.jackson.JsonFormat;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import no.ledger.api.config.AxonConfiguration;
import no.ledger.core.shared.LedgerEvent;
import no.ledger.projections.EventJson;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the event store's rows in global order, straight from its table, and writes each as a CloudEvents 1.0 JSON
 * document: {@code id} the event's id, {@code subject} its aggregate, {@code time} when it was recorded, {@code data}
 * its payload as stored, and the extension attributes {@code position} (the global index), {@code effectivedate}
 * and {@code recordedby}.
 */
@Component
public class StoredEvents {

    /** The ledger as a CloudEvents source: one source, whose events' ids are unique. */
    public static final URI SOURCE = URI.create("/commitment-ledger");

    private static final JsonFormat CLOUD_EVENTS_JSON = new JsonFormat();

    private static final String COLUMNS = "global_index, event_identifier, aggregate_identifier, time_stamp,"
            + " payload_type, payload, meta_data";

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The events after one position up to and including another, that the filter lets through, at most limit. */
    public List<FeedEvent> read(long after, long upTo, FeedFilter filter, int limit) {
        if (upTo <= after) {
            return List.of();
        }
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS
                + " FROM domain_event_entry WHERE global_index > ? AND global_index <= ?");
        List<Object> arguments = new ArrayList<>(List.of(after, upTo));
        filter.appendSql(sql, arguments);
        sql.append(" ORDER BY global_index LIMIT ").append(limit);
        return jdbc.query(sql.toString(), (row, index) -> feedEvent(row), arguments.toArray());
    }

    /** The positions of the events from one position on, in order: what the poller needs to see gaps. */
    List<Long> positionsAfter(long after, int limit) {
        // Bounded above by the newest position: PostgreSQL plans "global_index > ?" alone as a third of the table
        // where it has no statistics yet (a young table, autovacuum off) and scans it all, ten times a second; a
        // range of both ends it reads from the index.
        Long newest = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        if (newest == null || newest <= after) {
            return List.of();
        }
        return jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE global_index > ?"
                + " AND global_index <= ? ORDER BY global_index LIMIT " + limit, Long.class, after, newest);
    }

    /** The newest events' positions and record times, newest first. */
    List<RecordedPosition> newest(int count) {
        return jdbc.query("SELECT global_index, time_stamp FROM domain_event_entry ORDER BY global_index DESC LIMIT "
                + count, (row, index) -> new RecordedPosition(row.getLong(1), Instant.parse(row.getString(2))));
    }

    record RecordedPosition(long position, Instant recordedAt) {
    }

    private static FeedEvent feedEvent(ResultSet row) throws SQLException {
        long position = row.getLong("global_index");
        String aggregateId = row.getString("aggregate_identifier");
        String payloadType = row.getString("payload_type");
        byte[] payload = row.getBytes("payload");
        JsonNode data = EventJson.tree(payload);
        JsonNode metaData = EventJson.tree(row.getBytes("meta_data"));
        CloudEventBuilder event = CloudEventBuilder.v1()
                .withId(row.getString("event_identifier"))
                .withSource(SOURCE)
                .withType(EventTypes.cloudEventType(payloadType))
                .withTime(Instant.parse(row.getString("time_stamp")).atOffset(ZoneOffset.UTC))
                .withSubject(aggregateId)
                .withData(MediaType.APPLICATION_JSON_VALUE, JsonCloudEventData.wrap(data))
                .withExtension("position", positionAttribute(position));
        String effectiveDate = effectiveDate(payloadType, payload);
        if (effectiveDate != null) {
            event.withExtension("effectivedate", effectiveDate);
        }
        String recordedBy = metaData.path(AxonConfiguration.RECORDED_BY).asText(null);
        if (recordedBy != null) {
            event.withExtension("recordedby", recordedBy);
        }
        return new FeedEvent(position, aggregateId, payloadType, json(event.build()));
    }

    /**
     * A CloudEvents Integer is 32 bits, which the SDK writes as a JSON number; a wider position (two billion events
     * on) would go out as a string rather than be cut.
     */
    private static Number positionAttribute(long position) {
        if (position <= Integer.MAX_VALUE) {
            return Integer.valueOf((int) position);
        }
        return Long.valueOf(position);
    }

    /** Each event class knows which of its dates is the effective one; the stored JSON does not say. */
    private static String effectiveDate(String payloadType, byte[] payload) {
        try {
            Object event = EventJson.read(payloadType, new String(payload, StandardCharsets.UTF_8));
            return event instanceof LedgerEvent ledgerEvent && ledgerEvent.effectiveDate() != null
                    ? ledgerEvent.effectiveDate().toString() : null;
        } catch (IllegalStateException unknownType) {
            return null;
        }
    }

    private static String json(CloudEvent event) {
        return new String(CLOUD_EVENTS_JSON.serialize(event), StandardCharsets.UTF_8);
    }
}
