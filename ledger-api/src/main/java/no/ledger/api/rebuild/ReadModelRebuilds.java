package no.ledger.api.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import no.ledger.projections.timeline.TimeBounds;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The rebuilds of the read models, in the database that every instance shares: which one runs, on which instance,
 * and how far it has come. The table's unique {@code running} column makes sure only one runs at a time.
 */
@Component
public class ReadModelRebuilds {

    /** A running rebuild whose instance has not reported for this long is taken to have died with it. */
    static final Duration ABANDONED_AFTER = Duration.ofSeconds(60);
    /** An instance whose heartbeat (every 2 s by default) is this recent is taken to be up. */
    static final Duration ALIVE_WITHIN = Duration.ofSeconds(30);

    private final JdbcTemplate jdbc;
    // Operations' own time, not the ledger's clock of recorded decisions (which tests may fix).
    private final Clock clock = Clock.systemUTC();

    public ReadModelRebuilds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Claims the right to run a rebuild for this instance, or refuses if one runs. A rebuild whose instance stopped
     * reporting is marked failed first, and its id is returned with the new one so that its tables can go.
     */
    public Claim claim(String requestedBy, String instance) {
        OffsetDateTime now = now();
        List<Long> abandoned = jdbc.queryForList("SELECT rebuild_id FROM read_model_rebuild WHERE running = 1"
                + " AND heartbeat_at < ?", Long.class, now.minus(ABANDONED_AFTER));
        for (long id : abandoned) {
            jdbc.update("UPDATE read_model_rebuild SET running = NULL, state = 'FAILED', phase = 'FAILED',"
                    + " finished_at = ?, failure = ? WHERE rebuild_id = ? AND running = 1", now,
                    "abandoned: its instance stopped reporting", id);
        }
        try {
            jdbc.update("INSERT INTO read_model_rebuild (running, state, phase, requested_by, instance_id,"
                            + " requested_at, heartbeat_at, events_done) VALUES (1, 'RUNNING', 'COPYING', ?, ?, ?, ?, 0)",
                    requestedBy, instance, now, now);
        } catch (DuplicateKeyException running) {
            throw new RebuildInProgress(jdbc.queryForObject(
                    "SELECT rebuild_id FROM read_model_rebuild WHERE running = 1", Long.class));
        }
        long id = jdbc.queryForObject("SELECT rebuild_id FROM read_model_rebuild WHERE running = 1", Long.class);
        return new Claim(id, abandoned);
    }

    /** @param abandoned earlier rebuilds that died with their instance, whose tables are left to drop */
    public record Claim(long rebuildId, List<Long> abandoned) {
    }

    /** Instances other than this one whose heartbeat is recent: they share the database now. */
    List<String> otherLiveInstances(String self) {
        return jdbc.queryForList("SELECT instance_id FROM ledger_instance WHERE instance_id <> ? AND heartbeat_at > ?",
                String.class, self, now().minus(ALIVE_WITHIN));
    }

    void started(long id, long horizon, long eventsInAll) {
        jdbc.update("UPDATE read_model_rebuild SET horizon = ?, events_total = ?, heartbeat_at = ?"
                + " WHERE rebuild_id = ?", horizon, eventsInAll, now(), id);
    }

    void progress(long id, String phase, long eventsDone) {
        jdbc.update("UPDATE read_model_rebuild SET phase = ?, events_done = ?, heartbeat_at = ? WHERE rebuild_id = ?"
                + " AND running = 1", phase, eventsDone, now(), id);
    }

    void copied(long id, double seconds) {
        jdbc.update("UPDATE read_model_rebuild SET copy_seconds = ? WHERE rebuild_id = ?", seconds, id);
    }

    void done(long id, long eventsDone) {
        jdbc.update("UPDATE read_model_rebuild SET running = NULL, state = 'DONE', phase = 'DONE', finished_at = ?,"
                + " heartbeat_at = ?, events_done = ? WHERE rebuild_id = ?", now(), now(), eventsDone, id);
    }

    void failed(long id, String failure) {
        String shortened = failure == null ? "failed" : failure.substring(0, Math.min(failure.length(), 1000));
        jdbc.update("UPDATE read_model_rebuild SET running = NULL, state = 'FAILED', phase = 'FAILED',"
                + " finished_at = ?, failure = ? WHERE rebuild_id = ?", now(), shortened, id);
    }

    public Optional<RebuildStatus> find(long id) {
        return jdbc.query("SELECT * FROM read_model_rebuild WHERE rebuild_id = ?", (row, index) -> status(
                row.getLong("rebuild_id"), row.getString("state"), row.getString("phase"),
                row.getString("requested_by"), row.getString("instance_id"),
                row.getObject("requested_at", OffsetDateTime.class), row.getObject("finished_at", OffsetDateTime.class),
                row.getObject("heartbeat_at", OffsetDateTime.class), row.getLong("events_done"),
                (Long) row.getObject("events_total", Long.class), row.getString("failure")), id)
                .stream().findFirst();
    }

    public Optional<RebuildStatus> latest() {
        List<Long> ids = jdbc.queryForList("SELECT MAX(rebuild_id) FROM read_model_rebuild", Long.class);
        return ids.isEmpty() || ids.get(0) == null ? Optional.empty() : find(ids.get(0));
    }

    private static RebuildStatus status(long id, String state, String phase, String requestedBy, String instance,
                                        OffsetDateTime requestedAt, OffsetDateTime finishedAt,
                                        OffsetDateTime heartbeat, long done, Long inAll, String failure) {
        Instant started = TimeBounds.instant(requestedAt);
        Instant until = finishedAt != null ? finishedAt.toInstant() : heartbeat.toInstant();
        double seconds = Duration.between(started, until).toMillis() / 1000.0;
        Double rate = seconds > 0 && done > 0 ? Math.round(done / seconds * 10) / 10.0 : null;
        Instant expectedEnd = null;
        if ("RUNNING".equals(state) && rate != null && inAll != null && inAll > done) {
            expectedEnd = until.plusMillis((long) ((inAll - done) / rate * 1000));
        }
        return new RebuildStatus(id, state, phase, requestedBy, instance, started, TimeBounds.instant(finishedAt),
                done, inAll, rate, expectedEnd, failure);
    }

    private OffsetDateTime now() {
        return TimeBounds.utc(clock.instant());
    }
}
