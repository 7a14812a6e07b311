package no.ledger.projections.history;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One event about a municipality: what was decided ({@code type} and {@code payload}), when it took effect, when
 * the ledger recorded it and on whose word; and, where it was mended, the retraction's event id.
 */
public record HistoryEntry(String eventId, String type, String aggregateId, LocalDate effectiveDate,
                           Instant recordedAt, String recordedBy, JsonNode payload, String retractedBy,
                           Instant retractedAt) {
}
