package no.ledger.api.rebuild;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import no.ledger.api.config.InstanceIdentity;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.projections.DatabaseProduct;
import no.ledger.projections.ProcessingGroups;
import no.ledger.projections.rebuild.CopiedPositions;
import no.ledger.projections.rebuild.ReadModelCopy;
import no.ledger.projections.rebuild.ReadModelTable;
import no.ledger.projections.rebuild.ReadModelTables;
import no.ledger.projections.register.PopulationInForce;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every read model without downtime. New tables are filled beside the live ones from the event table
 * ({@link ReadModelCopy}: large batches, folds in memory, rows written many at a time) while the live processors
 * keep the old ones current and every query answers from them. What was recorded meanwhile is folded in, round
 * after round, until little is left. Then, at once, the rest is folded in, every processor segment is given a token
 * saying exactly which events the new tables hold ({@link CopiedPositions}), the new tables take the live names, and
 * the old ones are dropped. The processors on every instance go on from those tokens.
 *
 * <p>On PostgreSQL the switch is one transaction that holds the live tables locked (so no processor can change them)
 * and sees one snapshot of the event table; readers on every instance wait for a moment and then see the new tables.
 * The tokens are claimed in the rebuild's name until the claim timeout passes: a processor still holding an older
 * token in memory fails to store it, rolls its batch back, and takes the new token up after that. On H2 (one
 * instance) the processors stop for the switch and {@link ReadModelSwitchGate} holds requests back.
 */
@Component
public class ReadModelRebuilder implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(ReadModelRebuilder.class);
    /** Catch-up rounds stop once fewer aggregates than this are left: the switch folds the rest, tables locked. */
    private static final int LEFT_FOR_THE_SWITCH = 500;
    private static final int CATCH_UP_ROUNDS = 20;
    private static final int SWITCH_ATTEMPTS = 10;

    private final DataSource dataSource;
    private final ReadModelRebuilds rebuilds;
    private final Serializer serializer;
    private final ProjectionProgress progress;
    private final ReadModelSwitchGate gate;
    private final InstanceIdentity instance;
    /** On PostgreSQL the switch is one transaction; on H2 the processors stop for it (see the class comment). */
    private final boolean postgres;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "read-model-rebuild-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    // This instance's rebuild, for the metrics and the heartbeat.
    private volatile long runningId = -1;
    private volatile String phase = "";
    private volatile long eventsDone;
    private volatile long eventsInAll;
    private volatile long startedNanos;

    public ReadModelRebuilder(DataSource dataSource, ReadModelRebuilds rebuilds, Serializer serializer,
                              ProjectionProgress progress, ReadModelSwitchGate gate, InstanceIdentity instance,
                              ObjectProvider<MeterRegistry> meters) {
        this.dataSource = dataSource;
        this.rebuilds = rebuilds;
        this.serializer = serializer;
        this.progress = progress;
        this.gate = gate;
        this.instance = instance;
        this.postgres = DatabaseProduct.isPostgres(dataSource);
        meters.ifAvailable(this::registerMetrics);
        heartbeat.scheduleWithFixedDelay(this::report, 1, 1, TimeUnit.SECONDS);
    }

    /** Claims the rebuild for this instance (or refuses, if one runs anywhere) and starts it in the background. */
    public RebuildStatus start(String requestedBy) {
        if (!postgres) {
            List<String> others = rebuilds.otherLiveInstances(instance.id());
            if (!others.isEmpty()) {
                throw new RebuildRefused("on H2 a rebuild needs this instance alone, and " + String.join(", ", others)
                        + " share the database; stop them, or run several instances on PostgreSQL");
            }
        }
        ReadModelRebuilds.Claim claim = rebuilds.claim(requestedBy, instance.id());
        runningId = claim.rebuildId();
        phase = "COPYING";
        eventsDone = 0;
        eventsInAll = 0;
        startedNanos = System.nanoTime();
        worker.submit(() -> run(claim));
        return rebuilds.find(claim.rebuildId()).orElseThrow();
    }

    /** Starts a rebuild and waits for it to end, as the start-up does when the read models are far behind. */
    public RebuildStatus rebuildAndWait(String requestedBy) throws InterruptedException {
        RebuildStatus status = start(requestedBy);
        while ("RUNNING".equals(status.state())) {
            Thread.sleep(200);
            status = rebuilds.find(status.rebuildId()).orElseThrow();
        }
        return status;
    }

    private void run(ReadModelRebuilds.Claim claim) {
        long id = claim.rebuildId();
        ReadModelCopy copy = new ReadModelCopy(dataSource, suffix(id));
        try {
            for (long abandoned : claim.abandoned()) {
                new ReadModelCopy(dataSource, suffix(abandoned)).dropTables();
                dropRetired(abandoned);
            }
            CopiedPositions copied = head();
            eventsInAll = countUpTo(copied.upTo());
            rebuilds.started(id, copied.upTo(), eventsInAll);
            LOG.info("Read model rebuild {}: copying {} events (up to global index {})", id, eventsInAll,
                    copied.upTo());
            copy.createTables();
            long copyStarted = System.nanoTime();
            copy.fill(copied.upTo(), done -> eventsDone = done);
            long filled = System.nanoTime();
            copy.indexAndAnalyze();
            long indexed = System.nanoTime();
            double seconds = (indexed - copyStarted) / 1e9;
            rebuilds.copied(id, seconds);
            LOG.info("Read model rebuild {}: {} events copied in {} s (folded and written {} s, indexed and analyzed"
                            + " {} s)", id, eventsDone, String.format("%.1f", seconds),
                    String.format("%.1f", (filled - copyStarted) / 1e9), String.format("%.1f", (indexed - filled) / 1e9));

            phase = "CATCHING_UP";
            for (int round = 0; round < CATCH_UP_ROUNDS; round++) {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    CopiedPositions next = CopiedPositions.head(connection);
                    Set<String> aggregates = ReadModelCopy.aggregatesToRefold(connection, copied, next);
                    if (aggregates.size() < LEFT_FOR_THE_SWITCH) {
                        connection.rollback();
                        break;
                    }
                    copy.refold(connection, aggregates, next.upTo());
                    connection.commit();
                    eventsDone += next.upTo() - copied.upTo();
                    copied = next;
                }
            }

            phase = "SWITCHING";
            switchOver(copy, copied, id);
            dropRetired(id);
            phase = "DONE";
            rebuilds.done(id, eventsDone);
            LOG.info("Read model rebuild {} done: the new tables answer", id);
        } catch (Exception | Error failure) {
            LOG.error("Read model rebuild {} failed; the live read models are untouched", id, failure);
            phase = "FAILED";
            rebuilds.failed(id, failure.getClass().getSimpleName() + ": " + failure.getMessage());
            try {
                copy.dropTables();
            } catch (SQLException cleanup) {
                LOG.warn("Could not drop the tables of failed rebuild {}", id, cleanup);
            }
        } finally {
            runningId = -1;
        }
    }

    private void switchOver(ReadModelCopy copy, CopiedPositions copied, long id) throws Exception {
        if (postgres) {
            for (int attempt = 1; ; attempt++) {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    // One snapshot for the head, the last events folded in and the tokens written.
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    try {
                        try (Statement statement = connection.createStatement()) {
                            statement.execute("SET LOCAL lock_timeout = '10s'");
                            // No processor can change a token or a live table now, on any instance. Tokens first:
                            // a processor's transaction touches its token before the tables it folds into.
                            statement.execute("LOCK TABLE token_entry IN EXCLUSIVE MODE");
                            statement.execute("LOCK TABLE " + ReadModelTables.ALL.stream().map(ReadModelTable::name)
                                    .collect(Collectors.joining(", ")) + " IN ACCESS EXCLUSIVE MODE");
                        }
                        // Processors on every instance may hold a token in memory: a claim in the rebuild's name makes
                        // their next store fail (and roll back) until it expires, when they take the new token up.
                        finishAndRename(connection, copy, copied, id, "read-model-rebuild-" + id);
                        connection.commit();
                        return;
                    } catch (SQLException conflict) {
                        connection.rollback();
                        // A deadlock with a processor, or locks held too long: try again.
                        if (attempt >= SWITCH_ATTEMPTS) {
                            throw conflict;
                        }
                        LOG.warn("Read model rebuild {}: switch attempt {} failed ({}); trying again", id, attempt,
                                conflict.getMessage());
                        Thread.sleep(200L * attempt);
                    }
                }
            }
        }
        List<StreamingEventProcessor> processors = List.copyOf(progress.processors().values());
        processors.forEach(StreamingEventProcessor::shutDown);
        try {
            gate.closedWhile(Duration.ofSeconds(30), () -> {
                try (Connection connection = dataSource.getConnection()) {
                    connection.setAutoCommit(false);
                    connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
                    // The processors here, the only ones, are stopped: they take the new tokens up when they start.
                    finishAndRename(connection, copy, copied, id, null);
                    connection.commit();
                }
            });
        } finally {
            processors.forEach(StreamingEventProcessor::start);
        }
    }

    /**
     * Folds in what the copies still lack up to the head, gives every processor segment a token saying exactly what
     * the copies hold, claimed by {@code owner} (null: by none), and puts the copies in place of the live tables.
     */
    private void finishAndRename(Connection connection, ReadModelCopy copy, CopiedPositions copied, long id,
                                 String owner) throws SQLException {
        CopiedPositions head = CopiedPositions.head(connection);
        copy.refold(connection, ReadModelCopy.aggregatesToRefold(connection, copied, head), head.upTo());
        eventsDone = Math.max(eventsDone, eventsInAll);
        SerializedObject<byte[]> token = serializer.serialize(
                GapAwareTrackingToken.newInstance(head.upTo(), head.missing()), byte[].class);
        try (PreparedStatement tokens = connection.prepareStatement("UPDATE token_entry SET token = ?,"
                + " token_type = ?, owner = ?, time_stamp = ? WHERE processor_name = ?")) {
            for (String group : ProcessingGroups.ALL) {
                tokens.setBytes(1, token.getData());
                tokens.setString(2, token.getType().getName());
                tokens.setString(3, owner);
                tokens.setString(4, java.time.Instant.now().toString());
                tokens.setString(5, group);
                if (tokens.executeUpdate() == 0) {
                    throw new IllegalStateException("processor " + group + " has no tokens yet; start it first");
                }
            }
        }
        // H2 commits at its first DDL statement: the tokens go with the copies' last rows, the renames after.
        try (Statement statement = connection.createStatement()) {
            for (ReadModelTable table : ReadModelTables.ALL) {
                statement.execute("ALTER TABLE " + table.name() + " RENAME TO " + table.name() + retired(id));
                statement.execute("ALTER TABLE " + table.copy(suffix(id)) + " RENAME TO " + table.name());
            }
            // The copies of the population timeline in memory are of the old table (see PopulationInForce).
            statement.executeUpdate(PopulationInForce.RAISE_VERSION);
        }
    }

    private void dropRetired(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (ReadModelTable table : ReadModelTables.ALL) {
                statement.execute("DROP TABLE IF EXISTS " + table.name() + retired(id));
            }
        }
    }

    private CopiedPositions head() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return CopiedPositions.head(connection);
        }
    }

    private long countUpTo(long horizon) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement count = connection.prepareStatement(
                     "SELECT COUNT(*) FROM domain_event_entry WHERE global_index <= ?")) {
            count.setLong(1, horizon);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static String suffix(long id) {
        return "_r" + id;
    }

    private static String retired(long id) {
        return "_old" + id;
    }

    private void report() {
        long id = runningId;
        if (id < 0) {
            return;
        }
        try {
            rebuilds.progress(id, phase, eventsDone);
        } catch (RuntimeException unreported) {
            LOG.debug("Could not report the progress of rebuild {}", id, unreported);
        }
    }

    private void registerMetrics(MeterRegistry registry) {
        Gauge.builder("ledger.read_models.rebuild.running", () -> runningId >= 0 ? 1 : 0)
                .description("1 while this instance rebuilds the read models").register(registry);
        Gauge.builder("ledger.read_models.rebuild.events.done", () -> eventsDone)
                .description("Events folded by this instance's running or last rebuild").register(registry);
        Gauge.builder("ledger.read_models.rebuild.events.total", () -> eventsInAll)
                .description("Events to fold in this instance's running or last rebuild").register(registry);
        Gauge.builder("ledger.read_models.rebuild.events.rate", () -> {
            double seconds = (System.nanoTime() - startedNanos) / 1e9;
            return runningId >= 0 && seconds > 0 ? eventsDone / seconds : 0;
        }).description("Events folded per second by this instance's running rebuild").baseUnit("events/s")
                .register(registry);
    }

    @Override
    public void destroy() {
        worker.shutdownNow();
        heartbeat.shutdownNow();
    }
}
