package no.ledger.api.integrity;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.UUID;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * Every kind of tampering with SQL straight on the event table, as an administrator with write access could: each is
 * found by the verification, named for what it is, and turns the health component {@code integrity} DOWN until the
 * table is put back and a verification passes. A context of its own, since tampering breaks the service.
 */
class TamperingTest extends QuickGapsTest {

    @Test
    void everyKindOfTamperingIsFoundAndTurnsHealthDown() throws Exception {
        String first = recordDeclaration();
        String second = recordDeclaration();
        JsonNode firstInTree = awaitInTree(first);
        awaitInTree(second);
        long firstLeaf = firstInTree.path("integrity").path("leafIndex").asLong();
        assertVerifies();

        // A changed payload: the declaration's date moved past the deadline, as in the issue.
        byte[] payload = column(first, "payload");
        update(first, "payload", new String(payload, StandardCharsets.UTF_8).replace("2020-06-15", "2020-07-30")
                .getBytes(StandardCharsets.UTF_8));
        assertFound("changed", first, firstLeaf);
        update(first, "payload", payload);
        assertVerifies();

        // Changed metadata: someone else recorded it.
        byte[] metadata = column(first, "meta_data");
        update(first, "meta_data", new String(metadata, StandardCharsets.UTF_8).replace(TestUsers.EVERY_ROLE,
                "mallory").getBytes(StandardCharsets.UTF_8));
        assertFound("changed", first, firstLeaf);
        update(first, "meta_data", metadata);
        assertVerifies();

        // A changed timestamp: recorded earlier than it was.
        String recordedAt = jdbc.queryForObject("SELECT time_stamp FROM domain_event_entry WHERE event_identifier = ?",
                String.class, first);
        jdbc.update("UPDATE domain_event_entry SET time_stamp = ? WHERE event_identifier = ?", "2020-06-15T10:00:00Z",
                first);
        assertFound("changed", first, firstLeaf);
        jdbc.update("UPDATE domain_event_entry SET time_stamp = ? WHERE event_identifier = ?", recordedAt, first);
        assertVerifies();

        // A deleted row.
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM domain_event_entry WHERE event_identifier = ?",
                first);
        jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = ?", first);
        assertFound("missing", first, firstLeaf);
        insert(row);
        assertVerifies();

        // Two rows swapped in the global order.
        long firstIndex = globalIndexOf(first);
        long secondIndex = globalIndexOf(second);
        swap(firstIndex, secondIndex);
        assertFound("reordered", first, firstLeaf);
        swap(firstIndex, secondIndex);
        assertVerifies();

        // A row inserted into the history, where a rolled-back transaction left a gap that the tree has passed.
        long gap = rolledBackGlobalIndex();
        String after = recordDeclaration();
        awaitInTree(after);
        Map<String, Object> forged = new java.util.HashMap<>(row);
        String forgedId = UUID.randomUUID().toString();
        forged.put("global_index", gap);
        forged.put("event_identifier", forgedId);
        forged.put("aggregate_identifier", "participation:forged:0301");
        forged.put("sequence_number", 0L);
        insert(forged);
        Answer inserted = assertFound("inserted", forgedId, null);
        assertThat(inserted.body().path("firstMismatch").path("globalIndex").asLong()).isEqualTo(gap);
        jdbc.update("DELETE FROM domain_event_entry WHERE event_identifier = ?", forgedId);
        assertVerifies();
    }

    private Answer assertFound(String what, String eventId, Long leafIndex) {
        Answer verification = ledger.as(TestUsers.AUDITOR).post("/api/integrity/verification", "");
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        JsonNode body = verification.body();
        assertThat(body.path("consistent").asBoolean()).as(verification.toString()).isFalse();
        assertThat(body.path("firstMismatch").path("what").asText()).as(verification.toString()).isEqualTo(what);
        assertThat(body.path("firstMismatch").path("eventId").asText()).as(verification.toString())
                .isEqualTo(eventId);
        if (leafIndex != null) {
            assertThat(body.path("firstMismatch").path("leafIndex").asLong()).isEqualTo(leafIndex);
        }
        assertThat(integrityHealth()).isEqualTo("DOWN");
        assertThat(ledger.anonymous().get("/actuator/health").body().path("status").asText()).isEqualTo("DOWN");
        return verification;
    }

    private void assertVerifies() {
        Answer verification = ledger.as(TestUsers.AUDITOR).post("/api/integrity/verification", "");
        assertThat(verification.body().path("consistent").asBoolean()).as(verification.toString()).isTrue();
        assertThat(integrityHealth()).isEqualTo("UP");
    }

    private String integrityHealth() {
        Answer health = ledger.as(TestUsers.OPERATOR).get("/actuator/health");
        return health.body().path("components").path("integrity").path("status").asText();
    }

    private byte[] column(String eventId, String column) {
        return jdbc.queryForObject("SELECT " + column + " FROM domain_event_entry WHERE event_identifier = ?",
                byte[].class, eventId);
    }

    private void update(String eventId, String column, byte[] value) {
        jdbc.update("UPDATE domain_event_entry SET " + column + " = ? WHERE event_identifier = ?", value, eventId);
    }

    private long globalIndexOf(String eventId) {
        return jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, eventId);
    }

    private void swap(long one, long other) {
        jdbc.update("UPDATE domain_event_entry SET global_index = -1 WHERE global_index = ?", one);
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = ?", one, other);
        jdbc.update("UPDATE domain_event_entry SET global_index = ? WHERE global_index = -1", other);
    }

    private void insert(Map<String, Object> row) {
        jdbc.update("INSERT INTO domain_event_entry (global_index, event_identifier, aggregate_identifier,"
                        + " sequence_number, type, time_stamp, payload_type, payload_revision, payload, meta_data)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", row.get("global_index"),
                row.get("event_identifier"), row.get("aggregate_identifier"), row.get("sequence_number"),
                row.get("type"), row.get("time_stamp"), row.get("payload_type"), row.get("payload_revision"),
                row.get("payload"), row.get("meta_data"));
    }

    /** A global index that a transaction took and rolled back: the gap a slow or failed writer leaves. */
    private long rolledBackGlobalIndex() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry"
                    + " (event_identifier, aggregate_identifier, sequence_number, time_stamp, payload_type, payload)"
                    + " VALUES (?, 'participation:rolled-back:0301', 0, '2020-06-15T10:00:00Z', 'x', ?)",
                    new String[] {"global_index"})) {
                insert.setString(1, UUID.randomUUID().toString());
                insert.setBytes(2, "{}".getBytes(StandardCharsets.UTF_8));
                insert.executeUpdate();
                try (var keys = insert.getGeneratedKeys()) {
                    keys.next();
                    long taken = keys.getLong(1);
                    connection.rollback();
                    return taken;
                }
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private String recordDeclaration() {
        String programme = aksonLikeProgramme();
        Answer signed = ledger.post("/api/programmes/" + programme + "/participants/0301/declaration",
                Map.of("signedOn", "2020-06-15", "decisionReference", "PS 12/20", "signatory", "ordfører"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        return signed.eventId();
    }

    private JsonNode awaitInTree(String eventId) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Answer event = ledger.get("/api/events/" + eventId);
            if (event.status() == 200 && event.body().path("integrity").isObject()) {
                return event.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not in the tree within 20 s: " + event);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }
}
