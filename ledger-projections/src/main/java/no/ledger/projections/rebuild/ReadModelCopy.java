package no.ledger.projections.rebuild;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import no.ledger.projections.StoredInstants;

/**
 * A full set of read model tables built beside the live ones, for throughput rather than for following the live
 * stream: the event table is read in large batches in aggregate order (a reader thread fetching the next batch
 * while the last is folded), each aggregate's events are folded in memory ({@link AggregateFold}) and its rows
 * written many to a statement ({@link CopyWriter}). Memory holds one batch and one aggregate, whatever the length of
 * the history. Secondary indexes and statistics are made once the tables are full.
 *
 * <p>The copies are named after the live tables with a suffix; whoever runs the rebuild switches them in.
 */
public final class ReadModelCopy {

    private static final String SELECT = "SELECT global_index, event_identifier, aggregate_identifier,"
            + " sequence_number, time_stamp, payload_type, payload, meta_data FROM domain_event_entry";
    private static final int READ_BATCH = 5_000;
    private static final long COMMIT_EVERY_ROWS = 50_000;
    private static final List<StoredEvent> END = List.of();
    private static final int INDEX_LANES = 2;
    private static final String INDEX_MEMORY = "256MB";

    private final DataSource dataSource;
    private final String suffix;

    public ReadModelCopy(DataSource dataSource, String suffix) {
        this.dataSource = dataSource;
        this.suffix = suffix;
    }

    public String suffix() {
        return suffix;
    }

    /** Makes empty copies of every read model table (dropping any left by an earlier, abandoned rebuild). */
    public void createTables() throws SQLException {
        dropTables();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            boolean postgres = PostgresCopy.isPostgres(connection);
            for (ReadModelTable table : ReadModelTables.ALL) {
                statement.execute(table.createStatement(suffix, postgres));
            }
        }
    }

    /**
     * Gives the filled copies their primary keys and indexes, and on PostgreSQL the planner's statistics, so that
     * the first queries after the switch are planned for the tables' real size. On PostgreSQL two connections do
     * this, a table at a time each, the largest tables first, so that one table's sort overlaps another's writing
     * and a table's {@code ANALYZE} overlaps the other lane's sort.
     */
    public void indexAndAnalyze() throws SQLException, InterruptedException {
        Queue<ReadModelTable> tables = new ConcurrentLinkedQueue<>(ReadModelTables.LARGEST_FIRST);
        boolean postgres;
        try (Connection connection = dataSource.getConnection()) {
            postgres = PostgresCopy.isPostgres(connection);
        }
        List<Thread> lanes = new ArrayList<>();
        List<Exception> failures = Collections.synchronizedList(new ArrayList<>());
        for (int lane = 0; lane < (postgres ? INDEX_LANES : 1); lane++) {
            Thread thread = new Thread(() -> {
                try (Connection connection = dataSource.getConnection();
                     Statement statement = connection.createStatement()) {
                    if (postgres) {
                        // A sort of a million keys in memory rather than in temporary files; this session only.
                        statement.execute("SET maintenance_work_mem = '" + INDEX_MEMORY + "'");
                    }
                    for (ReadModelTable table = tables.poll(); table != null && failures.isEmpty();
                         table = tables.poll()) {
                        for (String index : table.indexStatements(suffix)) {
                            statement.execute(index);
                        }
                        if (postgres) {
                            statement.execute("ANALYZE " + table.copy(suffix));
                        }
                    }
                } catch (SQLException | RuntimeException failure) {
                    failures.add(failure);
                }
            }, "read-model-copy-indexes-" + lane);
            thread.start();
            lanes.add(thread);
        }
        for (Thread lane : lanes) {
            lane.join();
        }
        if (!failures.isEmpty()) {
            SQLException failure = new SQLException("could not index the copies", failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    public void dropTables() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (ReadModelTable table : ReadModelTables.ALL) {
                statement.execute("DROP TABLE IF EXISTS " + table.copy(suffix));
            }
        }
    }

    /**
     * Folds every event at or below the global index {@code horizon} into the copies, reporting after each batch
     * how many events are done. Returns the number of events folded.
     */
    public long fill(long horizon, LongConsumer eventsDone) throws SQLException, InterruptedException {
        BlockingQueue<List<StoredEvent>> batches = new ArrayBlockingQueue<>(2);
        EventReader reader = new EventReader(horizon, batches);
        Thread thread = new Thread(reader, "read-model-copy-reader");
        thread.setDaemon(true);
        thread.start();
        long done = 0;
        try (Connection connection = dataSource.getConnection();
             // On PostgreSQL a second backend stores some of the tables (CopyWriter's lanes).
             Connection secondConnection = PostgresCopy.isPostgres(connection) ? dataSource.getConnection() : null) {
            connection.setAutoCommit(false);
            if (secondConnection != null) {
                secondConnection.setAutoCommit(false);
            }
            try (CopyWriter writer = new CopyWriter(connection, secondConnection, suffix, true)) {
                AggregateFold fold = null;
                long committedAt = 0;
                while (true) {
                    List<StoredEvent> batch = batches.take();
                    if (batch == END) {
                        break;
                    }
                    for (StoredEvent event : batch) {
                        if (fold == null || !fold.aggregateId().equals(event.aggregateId())) {
                            if (fold != null) {
                                writer.add(fold.rows(), null);
                            }
                            fold = new AggregateFold(event.aggregateId());
                        }
                        fold.apply(event);
                    }
                    done += batch.size();
                    if (writer.written() - committedAt >= COMMIT_EVERY_ROWS) {
                        writer.commit();
                        committedAt = writer.written();
                    }
                    eventsDone.accept(done);
                }
                if (reader.failure != null) {
                    throw new SQLException("reading the event store failed", reader.failure);
                }
                if (fold != null) {
                    writer.add(fold.rows(), null);
                }
                writer.flush();
                writer.commit();
            }
        } finally {
            reader.stop();
            thread.interrupt();
            thread.join();
        }
        return done;
    }

    /**
     * Folds the aggregates again from their first event up to the global index {@code upTo}, and replaces their rows
     * in the copies. For the events recorded while {@link #fill} ran: a handful of aggregates against the whole
     * history. Runs in the caller's transaction, and sees what it sees.
     */
    public void refold(Connection connection, Collection<String> aggregateIds, long upTo) throws SQLException {
        CopyWriter writer = new CopyWriter(connection, suffix, false);
        List<String> ids = new ArrayList<>(aggregateIds);
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> some = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = SELECT + " WHERE global_index <= ? AND aggregate_identifier IN (" + String.join(", ",
                    Collections.nCopies(some.size(), "?")) + ") ORDER BY aggregate_identifier,"
                    + " sequence_number";
            AggregateFold fold = null;
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                select.setLong(1, upTo);
                for (int index = 0; index < some.size(); index++) {
                    select.setString(index + 2, some.get(index));
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        StoredEvent event = read(rows);
                        if (fold == null || !fold.aggregateId().equals(event.aggregateId())) {
                            replace(writer, fold);
                            fold = new AggregateFold(event.aggregateId());
                        }
                        fold.apply(event);
                    }
                }
            }
            replace(writer, fold);
        }
        writer.flush();
        writer.close();
    }

    private static void replace(CopyWriter writer, AggregateFold fold) throws SQLException {
        if (fold != null) {
            FoldedRows rows = fold.rows();
            writer.delete(rows, null);
            writer.add(rows, null);
        }
    }

    /** The aggregates with an event that the copies lack and that {@code next} holds. */
    public static Set<String> aggregatesToRefold(Connection connection, CopiedPositions copied, CopiedPositions next)
            throws SQLException {
        Set<String> ids = new java.util.LinkedHashSet<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT global_index, aggregate_identifier"
                + " FROM domain_event_entry WHERE global_index >= ? AND global_index <= ?")) {
            select.setLong(1, copied.lowestLacking());
            select.setLong(2, next.upTo());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    if (copied.lacks(rows.getLong(1))) {
                        ids.add(rows.getString(2));
                    }
                }
            }
        }
        return ids;
    }

    private static StoredEvent read(ResultSet row) throws SQLException {
        return new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getLong(4),
                StoredInstants.parse(row.getString(5)), row.getString(6), row.getBytes(7), row.getBytes(8));
    }

    /** Reads events in aggregate order, batch after batch from where the last one ended (keyset paging). */
    private final class EventReader implements Runnable {
        private final long horizon;
        private final BlockingQueue<List<StoredEvent>> batches;
        private volatile boolean stopped;
        private volatile Exception failure;

        EventReader(long horizon, BlockingQueue<List<StoredEvent>> batches) {
            this.horizon = horizon;
            this.batches = batches;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement first = connection.prepareStatement(SELECT + " WHERE global_index <= ?"
                         + " ORDER BY aggregate_identifier, sequence_number LIMIT " + READ_BATCH);
                 PreparedStatement next = connection.prepareStatement(SELECT + " WHERE global_index <= ?"
                         + " AND (aggregate_identifier, sequence_number) > (?, ?)"
                         + " ORDER BY aggregate_identifier, sequence_number LIMIT " + READ_BATCH)) {
                StoredEvent last = null;
                while (!stopped) {
                    PreparedStatement select = last == null ? first : next;
                    select.setLong(1, horizon);
                    if (last != null) {
                        select.setString(2, last.aggregateId());
                        select.setLong(3, last.sequenceNumber());
                    }
                    List<StoredEvent> batch = new ArrayList<>(READ_BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            batch.add(read(rows));
                        }
                    }
                    if (batch.isEmpty()) {
                        break;
                    }
                    batches.put(batch);
                    last = batch.get(batch.size() - 1);
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            } catch (Exception unreadable) {
                failure = unreadable;
            } finally {
                try {
                    batches.put(END);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
