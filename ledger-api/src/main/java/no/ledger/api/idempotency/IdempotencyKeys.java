package no.ledger.api.idempotency;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The {@code idempotency_key} table: claiming a key, storing the answer, and purging old keys. Claims are single
 * autocommitted statements, so that every instance sees them at once; the primary key (caller, key) decides races.
 */
public class IdempotencyKeys {

    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);

    static final String IN_PROGRESS = "IN_PROGRESS";
    static final String RECORDED = "RECORDED";
    static final String ANSWERED = "ANSWERED";

    /** How often a repeat looks for the first request's answer while it waits. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(25);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final IdempotencyProperties properties;

    public IdempotencyKeys(JdbcTemplate jdbc, Clock clock, IdempotencyProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.properties = properties;
    }

    /** What became of a request's attempt to claim its key. */
    public sealed interface Outcome {
    }

    /** The request holds the key: carry it out. */
    public record Claimed(IdempotencyClaim claim) implements Outcome {
    }

    /** An earlier request with the key has answered: answer the same. */
    public record Replay(StoredAnswer answer) implements Outcome {
    }

    /** The key was used for another request (another body or path). */
    public record Reused() implements Outcome {
    }

    /** The first request with the key still runs, beyond the time a repeat waits for it. */
    public record InProgress() implements Outcome {
    }

    /**
     * Claims the caller's key for the request with this fingerprint, or finds what an earlier request with the key
     * answered, waiting for it (up to {@link IdempotencyProperties#repeatWait()}) while it runs.
     */
    public Outcome claim(String caller, String key, String fingerprint) {
        Instant waitUntil = clock.instant().plus(properties.repeatWait());
        while (true) {
            String token = UUID.randomUUID().toString();
            Instant now = clock.instant();
            try {
                jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, fingerprint, state, claim_token,"
                                + " created_at, claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        caller, key, fingerprint, IN_PROGRESS, token, utc(now), utc(now));
                return new Claimed(new IdempotencyClaim(caller, key, token));
            } catch (DuplicateKeyException taken) {
                // Another request has the key: see what became of it.
            }
            Optional<KeyRow> row = find(caller, key);
            if (row.isEmpty()) {
                continue; // released (a 5xx) or purged since: claim it again
            }
            KeyRow existing = row.get();
            if (!existing.fingerprint().equals(fingerprint)) {
                return new Reused();
            }
            if (existing.answer() != null) {
                return new Replay(existing.answer());
            }
            if (existing.claimedAt().plus(properties.claimTimeout()).isBefore(now)) {
                // The first request's instance died (or hangs): a retry may carry the request out. Only one
                // request can take the claim over, since the token it replaces must still be there.
                int taken = jdbc.update("UPDATE idempotency_key SET claim_token = ?, claimed_at = ?"
                                + " WHERE caller = ? AND idempotency_key = ? AND claim_token = ? AND state = ?",
                        token, utc(now), caller, key, existing.claimToken(), IN_PROGRESS);
                if (taken == 1) {
                    LOG.warn("Idempotency-Key '{}' of {} was claimed at {} and never answered; a retry takes it over",
                            key, caller, existing.claimedAt());
                    return new Claimed(new IdempotencyClaim(caller, key, token));
                }
                continue;
            }
            if (!now.isBefore(waitUntil)) {
                return new InProgress();
            }
            sleep(POLL_INTERVAL);
        }
    }

    /**
     * Stores the answer of a decision whose events are being recorded, in the unit of work's own transaction: the
     * events and the answer are committed together or not at all.
     *
     * @throws IdempotencyClaimLost when the claim expired and a retry took the key over (the transaction must roll
     *                              back, so that only one of them records)
     */
    void recordWithEvents(IdempotencyClaim claim, StoredAnswer answer) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            // Stored on its own, the answer could outlive events that then fail to commit: refuse rather than lie.
            throw new IllegalStateException("a decision's Idempotency-Key answer must be stored in the transaction"
                    + " of its unit of work; the command bus has no transaction manager");
        }
        int updated = jdbc.update("UPDATE idempotency_key SET state = ?, response_status = ?,"
                        + " response_content_type = ?, response_location = ?, response_body = ?"
                        + " WHERE caller = ? AND idempotency_key = ? AND claim_token = ? AND state = ?",
                RECORDED, answer.status(), answer.contentType(), answer.location(), answer.body(),
                claim.caller(), claim.key(), claim.token(), IN_PROGRESS);
        if (updated != 1) {
            throw new IdempotencyClaimLost(claim);
        }
    }

    /** Stores a final answer that recorded nothing (a broken rule, a malformed request). */
    public void answer(IdempotencyClaim claim, StoredAnswer answer) {
        jdbc.update("UPDATE idempotency_key SET state = ?, response_status = ?, response_content_type = ?,"
                        + " response_location = ?, response_body = ?"
                        + " WHERE caller = ? AND idempotency_key = ? AND claim_token = ? AND state = ?",
                ANSWERED, answer.status(), answer.contentType(), answer.location(), answer.body(),
                claim.caller(), claim.key(), claim.token(), IN_PROGRESS);
    }

    /**
     * Gives the key up after an answer that is not final (a 5xx, a transient conflict), so that a retry can go ahead
     * at once. A key whose decision was recorded is kept: its answer is the recorded one.
     */
    public void release(IdempotencyClaim claim) {
        jdbc.update("DELETE FROM idempotency_key WHERE caller = ? AND idempotency_key = ? AND claim_token = ?"
                + " AND state = ?", claim.caller(), claim.key(), claim.token(), IN_PROGRESS);
    }

    /** Deletes the keys first used before the retention; answers how many. */
    public int purge(Instant now) {
        return jdbc.update("DELETE FROM idempotency_key WHERE created_at < ?",
                utc(now.minus(properties.retention())));
    }

    public int purge() {
        return purge(clock.instant());
    }

    Optional<KeyRow> find(String caller, String key) {
        return jdbc.query("SELECT fingerprint, claim_token, claimed_at, response_status, response_content_type,"
                        + " response_location, response_body FROM idempotency_key"
                        + " WHERE caller = ? AND idempotency_key = ?",
                IdempotencyKeys::keyRow, caller, key).stream().findFirst();
    }

    record KeyRow(String fingerprint, String claimToken, Instant claimedAt, StoredAnswer answer) {
    }

    private static KeyRow keyRow(ResultSet row, int index) throws SQLException {
        int status = row.getInt("response_status");
        StoredAnswer answer = row.wasNull() ? null : new StoredAnswer(status, row.getString("response_content_type"),
                row.getString("response_location"), row.getBytes("response_body"));
        return new KeyRow(row.getString("fingerprint"), row.getString("claim_token"),
                row.getObject("claimed_at", OffsetDateTime.class).toInstant(), answer);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a request with the same key", interrupted);
        }
    }
}
