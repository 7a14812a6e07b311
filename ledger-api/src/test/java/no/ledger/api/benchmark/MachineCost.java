package no.ledger.api.benchmark;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;
import no.ledger.projections.DatabaseProduct;

/**
 * What a stretch of a benchmark cost the machine: CPU time of this JVM's threads by role (the service's own, the
 * benchmark's clients, the JVM's compiler and collector), CPU time of the PostgreSQL server's processes on this host,
 * and the database's transactions and written rows. Divided by the events or rows of the stretch, it says where a
 * decision's time goes beside a raw insert's, in one run.
 *
 * <p>CPU times come from Linux's {@code /proc} (in clock ticks of 10 ms), so PostgreSQL's need the server on the same
 * host; elsewhere they are left out. A thread or server process that ends within the stretch takes its time with it:
 * take both readings while the stretch's threads and connections are open. PostgreSQL's counters reach
 * {@code pg_stat_database} up to a second late, at either end alike.
 */
final class MachineCost {

    /** Linux's USER_HZ, the unit of /proc's CPU times. */
    private static final double MILLIS_PER_TICK = 10;
    private static final Path THREADS = Path.of("/proc/self/task");

    /** The counters at one instant: CPU ticks by thread id of this JVM, of PostgreSQL, and the database's. */
    record Reading(Map<String, Long> threadTicks, Map<String, String> threadNames, long postgresTicks,
                   long transactions, long rowsWritten) {
    }

    /** What a stretch cost, in all. Negative for what could not be read. */
    record Spent(double serviceMillis, double clientMillis, double jvmMillis, double postgresMillis,
                 long transactions, long rowsWritten) {

        static final Spent UNKNOWN = new Spent(-1, -1, -1, -1, -1, -1);
        static final Spent NOTHING = new Spent(0, 0, 0, 0, 0, 0);

        /** Both stretches together; unknown where either is. */
        Spent plus(Spent other) {
            return new Spent(sum(serviceMillis, other.serviceMillis), sum(clientMillis, other.clientMillis),
                    sum(jvmMillis, other.jvmMillis), sum(postgresMillis, other.postgresMillis),
                    (long) sum(transactions, other.transactions), (long) sum(rowsWritten, other.rowsWritten));
        }

        private static double sum(double one, double other) {
            return one < 0 || other < 0 ? -1 : one + other;
        }

        /** Each figure divided by {@code units}, as the cells of a Markdown table row ("–" where unknown). */
        String cells(long units) {
            return String.join(" | ", cell(serviceMillis, units, "%.3f"), cell(clientMillis, units, "%.3f"),
                    cell(jvmMillis, units, "%.3f"), cell(postgresMillis, units, "%.3f"),
                    cell(transactions, units, "%.2f"), cell(rowsWritten, units, "%.2f"));
        }

        private static String cell(double total, long units, String format) {
            return total < 0 || units <= 0 ? "–" : String.format(Locale.ROOT, format, total / units);
        }

        /** One line: each figure divided by {@code units} (events, requests or rows), as milliseconds or counts. */
        String per(long units, String unit) {
            if (units <= 0 || serviceMillis < 0) {
                return "cost unknown";
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                    "per %s: service threads %.3f ms CPU, clients %.3f, JIT and GC %.3f", unit,
                    serviceMillis / units, clientMillis / units, jvmMillis / units));
            if (postgresMillis >= 0) {
                line.append(String.format(Locale.ROOT, ", PostgreSQL %.3f ms CPU", postgresMillis / units));
            }
            if (transactions >= 0) {
                line.append(String.format(Locale.ROOT, ", %.2f transactions, %.2f rows written",
                        (double) transactions / units, (double) rowsWritten / units));
            }
            return line.toString();
        }
    }

    private MachineCost() {
    }

    /** The counters now; {@code database} null or not PostgreSQL leaves the database's out. */
    static Reading read(DataSource database) {
        Map<String, Long> ticks = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(THREADS)) {
            for (Path thread : threads) {
                long cpu = cpuTicks(thread.resolve("stat"));
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    if (cpu >= 0) {
                        String id = thread.getFileName().toString();
                        ticks.put(id, cpu);
                        names.put(id, name);
                    }
                } catch (IOException ended) {
                    // A thread that ended meanwhile.
                }
            }
        } catch (IOException | RuntimeException noProc) {
            return new Reading(Map.of(), Map.of(), -1, -1, -1);
        }
        long postgresTicks = -1;
        long transactions = -1;
        long rowsWritten = -1;
        if (database != null) {
            // The processes first: opening a connection takes a while, in which the load's connections may close.
            long serverTicks;
            try {
                serverTicks = postgresTicks();
            } catch (IOException noProc) {
                serverTicks = -1;
            }
            try (Connection connection = database.getConnection();
                 Statement statement = connection.createStatement()) {
                if (DatabaseProduct.isPostgres(connection)) {
                    try (ResultSet row = statement.executeQuery("SELECT xact_commit + xact_rollback,"
                            + " tup_inserted + tup_updated + tup_deleted FROM pg_stat_database"
                            + " WHERE datname = current_database()")) {
                        row.next();
                        transactions = row.getLong(1);
                        rowsWritten = row.getLong(2);
                    }
                    postgresTicks = serverTicks;
                }
            } catch (SQLException unreadable) {
                postgresTicks = -1;
            }
        }
        return new Reading(ticks, names, postgresTicks, transactions, rowsWritten);
    }

    /** What passed between two readings, this JVM's threads sorted by role. */
    static Spent between(Reading before, Reading after) {
        if (after.threadTicks().isEmpty()) {
            return Spent.UNKNOWN;
        }
        long service = 0;
        long clients = 0;
        long jvm = 0;
        for (Map.Entry<String, Long> thread : after.threadTicks().entrySet()) {
            // A thread started within the stretch had spent nothing before it.
            long spent = thread.getValue() - before.threadTicks().getOrDefault(thread.getKey(), 0L);
            String name = after.threadNames().get(thread.getKey());
            if (isClient(name)) {
                clients += spent;
            } else if (isJvmOwn(name)) {
                jvm += spent;
            } else {
                service += spent;
            }
        }
        boolean serverHere = before.postgresTicks() >= 0 && after.postgresTicks() >= 0;
        boolean counted = before.transactions() >= 0 && after.transactions() >= 0;
        return new Spent(service * MILLIS_PER_TICK, clients * MILLIS_PER_TICK, jvm * MILLIS_PER_TICK,
                serverHere ? (after.postgresTicks() - before.postgresTicks()) * MILLIS_PER_TICK : -1,
                counted ? after.transactions() - before.transactions() : -1,
                counted ? after.rowsWritten() - before.rowsWritten() : -1);
    }

    /** The benchmark's load: its client threads, Java's HTTP client's, and the raw inserts' connections. */
    private static boolean isClient(String name) {
        return name.startsWith(RecordingBenchmark.CLIENT_THREAD) || name.startsWith("HttpClient-")
                || name.startsWith(RawLimits.INSERT_THREAD);
    }

    /** The JVM's compiler, collector and housekeeping threads. */
    private static boolean isJvmOwn(String name) {
        return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") || name.startsWith("GC Thread")
                || name.startsWith("G1 ") || name.equals("VM Thread") || name.startsWith("VM Periodic")
                || name.startsWith("Sweeper thread");
    }

    /**
     * The CPU ticks of every process on this host named postgres (the server and its backends); -1 if there is none,
     * the server being elsewhere.
     */
    private static long postgresTicks() throws IOException {
        long ticks = -1;
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    if (Files.readString(process.resolve("comm")).trim().equals("postgres")) {
                        ticks = Math.max(0, ticks) + Math.max(0, cpuTicks(process.resolve("stat")));
                    }
                } catch (IOException ended) {
                    // A process that ended meanwhile.
                }
            }
        }
        return ticks;
    }

    /** utime + stime of a /proc stat file, or -1 if it is gone. */
    private static long cpuTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            // The fields after the command name, which may hold spaces and parentheses, closed by the last ')'.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
        } catch (IOException | RuntimeException gone) {
            return -1;
        }
    }
}
