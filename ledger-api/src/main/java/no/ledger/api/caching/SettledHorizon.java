package no.ledger.api.caching;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import no.ledger.api.config.OpenWrites;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The ledger's settled horizon: the instant before which no event can still appear in its answers. An answer for a
 * {@code knownAt} before it describes a fixed state of the ledger and may be cached for good.
 *
 * <p>An event's recorded time is its timestamp, taken when the command made it; it becomes visible only when its
 * transaction commits, later, and the read models fold it later still. So the horizon is the earliest of:
 * <ul>
 * <li>now;</li>
 * <li>the start of the oldest transaction that is writing to the database and has not committed (PostgreSQL's
 *     {@code pg_stat_activity}; on H2 the start of such a session, earlier still), since its events are made after it
 *     began;</li>
 * <li>how far every read model has settled: each processor's first event not yet folded, be it waiting in the store
 *     or a hole in the global order that a transaction still has to fill (as Axon's gap-aware tokens know it; a
 *     hole older than {@code gap-timeout} is a rolled-back transaction and Axon gives up on it too); the horizon
 *     stays at the time of the event before it;</li>
 * </ul>
 * minus {@code settled-margin}, for what the database cannot show: an event made before its transaction began
 * writing, and instances whose clocks differ. A later answer can then only differ for a {@code knownAt} after the
 * horizon.
 */
@Component
public class SettledHorizon {

    private final JdbcTemplate jdbc;
    private final OpenWrites openWrites;
    private final Clock clock;
    private final CachingProperties properties;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicReference<Computed> lastComputed = new AtomicReference<>();

    /** A horizon and when its computation began (System.nanoTime). */
    private record Computed(long atNanos, Instant horizon) {
    }

    public SettledHorizon(JdbcTemplate jdbc, OpenWrites openWrites, Clock clock, CachingProperties properties) {
        this.jdbc = jdbc;
        this.openWrites = openWrites;
        this.clock = clock;
        this.properties = properties;
    }

    /**
     * Whether the ledger's answers for this {@code knownAt} no longer change. A horizon computed up to
     * {@code horizon-reuse} ago answers without asking the database again, either way: the horizon only moves
     * forward, so an earlier one is still true, only more cautious (it lags now by the settled margin, minutes,
     * anyway). An instant after it is then "not settled yet", which at worst leaves an answer revalidated that could
     * have been cached for good. (Asking again for such instants made every query for a recent {@code knownAt} pay
     * for the horizon's four statements.) A replay that empties the read models {@linkplain #forget() forgets} it.
     */
    public boolean hasSettled(Instant knownAt) {
        Computed known = lastComputed.get();
        if (known != null && System.nanoTime() - known.atNanos() < properties.horizonReuse().toNanos()) {
            return knownAt.isBefore(known.horizon());
        }
        return knownAt.isBefore(current());
    }

    /** Drops the horizon kept for reuse: for a replay, during which the read models settle again from nothing. */
    public void forget() {
        lastComputed.set(null);
    }

    /** The instant before which the ledger's answers no longer change. */
    public Instant current() {
        long startedNanos = System.nanoTime();
        Instant horizon = compute();
        lastComputed.set(new Computed(startedNanos, horizon));
        return horizon;
    }

    private Instant compute() {
        Instant now = clock.instant();
        Instant settled = now;
        Optional<Instant> openWrite = openWrites.oldestStart();
        if (openWrite.isPresent() && openWrite.get().isBefore(settled)) {
            settled = openWrite.get();
        }
        Instant folded = readModelsSettledUpTo(now);
        if (folded.isBefore(settled)) {
            settled = folded;
        }
        return settled.minus(properties.settledMargin());
    }

    private Instant readModelsSettledUpTo(Instant now) {
        List<byte[]> tokens = jdbc.query("SELECT token FROM token_entry", (row, index) -> row.getBytes("token"));
        if (tokens.isEmpty()) {
            return Instant.EPOCH;
        }
        long firstUnsettled = Long.MAX_VALUE;
        for (byte[] token : tokens) {
            firstUnsettled = Math.min(firstUnsettled, firstUnsettled(token, now));
        }
        Long head = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
        if (head == null || firstUnsettled > head) {
            return now;
        }
        List<Instant> before = jdbc.query("SELECT time_stamp FROM domain_event_entry WHERE global_index < ?"
                        + " ORDER BY global_index DESC LIMIT 1",
                (row, index) -> Instant.parse(row.getString("time_stamp")), firstUnsettled);
        return before.isEmpty() ? Instant.EPOCH : before.get(0);
    }

    /** The first global index a processor's segment has not folded: its oldest open hole, or the next index. */
    private long firstUnsettled(byte[] token, Instant now) {
        if (token == null) {
            return 0;
        }
        try {
            Position position = position(json.readTree(token));
            if (position == null) {
                return 0;
            }
            for (long gap : position.gaps()) {
                if (gapStillOpen(gap, now)) {
                    return gap;
                }
            }
            return position.index() + 1;
        } catch (IOException unreadable) {
            return 0;
        }
    }

    private record Position(long index, TreeSet<Long> gaps) {
    }

    /** Gap-aware tokens, also inside replay and merged tokens: the lowest of those found. */
    private static Position position(JsonNode token) {
        if (token.has("index")) {
            TreeSet<Long> gaps = new TreeSet<>();
            token.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
            return new Position(token.path("index").asLong(), gaps);
        }
        List<Position> inner = new ArrayList<>();
        token.forEach(child -> {
            if (child.isObject()) {
                Position found = position(child);
                if (found != null) {
                    inner.add(found);
                }
            }
        });
        return inner.stream().min((a, b) -> Long.compare(a.gaps().isEmpty() ? a.index() : a.gaps().first(),
                b.gaps().isEmpty() ? b.index() : b.gaps().first())).orElse(null);
    }

    /** A hole is open while the event after it is younger than the gap timeout: a transaction may still fill it. */
    private boolean gapStillOpen(long gap, Instant now) {
        List<Instant> after = jdbc.query("SELECT time_stamp FROM domain_event_entry WHERE global_index > ?"
                        + " ORDER BY global_index LIMIT 1",
                (row, index) -> Instant.parse(row.getString("time_stamp")), gap);
        return after.isEmpty() || after.get(0).isAfter(now.minus(properties.gapTimeout()));
    }
}
