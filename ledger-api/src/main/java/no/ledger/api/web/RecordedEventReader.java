package no.ledger.api.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Optional;
import no.ledger.api.config.AxonConfiguration;
import no.ledger.projections.EventJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads one event straight from the event store, as auditors want to see it: who recorded what, and when. */
@Component
public class RecordedEventReader {

    private final JdbcTemplate jdbcTemplate;

    public RecordedEventReader(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public record RecordedEvent(String eventId, String aggregateId, long sequenceNumber, String type,
                                Instant recordedAt, String recordedBy, JsonNode payload) {
    }

    public Optional<RecordedEvent> find(String eventId) {
        return jdbcTemplate.query("SELECT event_identifier, aggregate_identifier, sequence_number, payload_type,"
                        + " time_stamp, payload, meta_data FROM domain_event_entry WHERE event_identifier = ?",
                (row, index) -> {
                    JsonNode metaData = EventJson.tree(row.getBytes("meta_data"));
                    String payloadType = row.getString("payload_type");
                    return new RecordedEvent(row.getString("event_identifier"),
                            row.getString("aggregate_identifier"), row.getLong("sequence_number"),
                            payloadType.substring(payloadType.lastIndexOf('.') + 1),
                            Instant.parse(row.getString("time_stamp")),
                            metaData.path(AxonConfiguration.RECORDED_BY).asText(null),
                            EventJson.tree(row.getBytes("payload")));
                }, eventId).stream().findFirst();
    }
}
