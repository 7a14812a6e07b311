package no.ledger.api.web;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import no.ledger.api.integrity.EventDocument;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads one event straight from the event store, as auditors want to see it: who recorded what, and when. The
 * document is the one the verifiable log hashes into the event's leaf ({@link EventDocument}).
 */
@Component
public class RecordedEventReader {

    private final JdbcTemplate jdbcTemplate;

    public RecordedEventReader(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    public Optional<ObjectNode> find(String eventId) {
        return jdbcTemplate.query("SELECT " + EventDocument.COLUMNS + " FROM domain_event_entry"
                        + " WHERE event_identifier = ?", (row, index) -> EventDocument.of(row), eventId)
                .stream().findFirst();
    }
}
