package no.ledger.api.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.ledger.api.LedgerApplication;
import no.ledger.api.integrity.TreeSequencer;
import no.ledger.api.integrity.TreeStore;
import no.ledger.api.integrity.TreeVerifier;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.projection.ProjectionReplay;
import no.ledger.api.rebuild.ReadModelRebuilder;
import no.ledger.api.rebuild.ReadModelRebuilds;
import no.ledger.api.rebuild.RebuildStatus;
import no.ledger.api.support.TestDatabase;
import no.ledger.api.support.TestUsers;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ledger's speed over a history of 10,000 and of 1,000,000 events, printed, not asserted, each figure beside the
 * raw limit of the same database measured in the same run: how fast commands record events (in-process, four
 * writers), how fast a rebuild of every read model goes ({@code POST /api/admin/read-models/rebuild}'s path) against
 * a sequential read of the event table, its peak heap, and the coverage, participants and timeline queries over
 * HTTP on loopback at a random asOf and knownAt, with one client and with four at once, also while the rebuild runs.
 * A third rebuild, with no reads, shows what a rebuild costs once its own code is compiled.
 *
 * <p>Run with {@code ./mvnw -pl ledger-api -am verify -Pbenchmark} (PostgreSQL on 127.0.0.1:5432, database test);
 * {@code -Dbenchmark.database=h2} runs it on an H2 file instead, {@code -Dbenchmark.sizes=10000,100000} on other
 * sizes, {@code -DargLine=-Xmx512m} in a heap of that size. {@code -Dbenchmark.keep=true} keeps the PostgreSQL schema
 * with its history, and {@code -Dbenchmark.schema=<name>} measures such a kept history again without recording it
 * anew (a million events take a while to record). Figures go to standard output and to
 * {@code ledger-api/target/benchmark.md}.
 *
 * <p>The verifiable log follows recording as in production; {@code -Dbenchmark.sequencing=false} turns it off while
 * recording (and builds the tree afterwards), to compare what following costs recording. Either way it then times a
 * full verification and inclusion and consistency proofs over HTTP at random leaves and sizes.
 * {@code -Dbenchmark.axonReplay=true} also times Axon's own replay through the live handlers.
 */
@Tag("benchmark")
class LedgerBenchmark {

    private static final int WRITERS = Integer.getInteger("benchmark.writers", 4);
    private static final int QUERIES = Integer.getInteger("benchmark.queries", 2_000);
    private static final int WARM_UP = Integer.getInteger("benchmark.warmUp", 2_000);
    private static final String DATABASE = System.getProperty("benchmark.database", "postgres");
    /** false: the verifiable log does not follow recording; the tree is built after it, to compare the cost. */
    private static final boolean SEQUENCING = Boolean.parseBoolean(System.getProperty("benchmark.sequencing", "true"));
    private static final int PROOFS = Integer.getInteger("benchmark.proofs", 2_000);
    /**
     * A PostgreSQL schema with a history recorded by an earlier run ({@code -Dbenchmark.keep=true}): not recorded
     * again.
     */
    private static final String REUSED_SCHEMA = System.getProperty("benchmark.schema");
    /** Concurrent clients of the query measurement beside the single client's. */
    private static final int QUERY_CLIENTS = Integer.getInteger("benchmark.queryClients", 4);
    /** Axon's own replay, event by event through the live handlers: slow at a million events, so asked for. */
    private static final boolean AXON_REPLAY = Boolean.getBoolean("benchmark.axonReplay");

    record ProgrammeKnown(String id, Instant definedAt) {
    }

    /**
     * {@code rebuildAlone}: the first rebuild, with no reads; {@code rebuild}: the second, with query clients;
     * {@code rebuildAgain}: a third with no reads, once the first two have had the rebuild's own code compiled.
     */
    record Result(long events, long programmes, double recordedPerSecond, double replayedPerSecond,
                  Map<String, double[]> latencies, Integrity integrity, Rebuild rebuildAlone, Rebuild rebuild,
                  Rebuild rebuildAgain, double sequentialReadPerSecond) {
    }

    /**
     * The rebuild's figures: events folded per second while copying (and over the whole rebuild, switch included),
     * the peak heap used while it ran and the heap's limit, and the p50 and p99 of reads by the query clients while
     * it ran beside their p50 and p99 just before.
     */
    record Rebuild(double copiedPerSecond, double wholePerSecond, long peakHeapBytes, long maxHeapBytes,
                   double[] readsBefore, double[] readsDuring, long readsDuringCount, long readFailures) {
    }

    /**
     * The verifiable log's figures: how far behind recording the tree was (the age of the oldest event not yet in
     * it, sampled every 100 ms while recording), how fast it was built when it did not follow, how fast a full
     * verification recomputes it, and the latency of proofs.
     */
    record Integrity(double maxLagSeconds, double builtPerSecond, double verifiedPerSecond, long verifiedLeaves,
                     boolean consistent) {
    }

    @Test
    void measure() throws Exception {
        List<Long> sizes = Arrays.stream(System.getProperty("benchmark.sizes", "10000,1000000").split(","))
                .map(String::trim).map(Long::parseLong).toList();
        List<Result> results = new ArrayList<>();
        for (long size : sizes) {
            results.add(run(size));
            report(results);
        }
    }

    private Result run(long size) throws Exception {
        Path directory = Files.createTempDirectory("ledger-benchmark");
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("logging.level.root", "WARN");
        if (REUSED_SCHEMA != null) {
            System.setProperty("ledger.test.database", "postgres");
            properties.putAll(TestDatabase.existingPostgresSchema(REUSED_SCHEMA));
        } else if ("postgres".equals(DATABASE)) {
            System.setProperty("ledger.test.database", "postgres");
            properties.putAll(TestDatabase.fresh());
        } else {
            properties.put("spring.datasource.url", "jdbc:h2:file:" + directory.resolve("ledger")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
        }
        properties.putAll(TestUsers.properties());
        properties.put("ledger.integrity.sequencing", SEQUENCING);
        properties.put("ledger.integrity.generated-key", directory.resolve("tree-signing-key.pem"));
        // The benchmark runs verifications itself, timed.
        properties.put("ledger.integrity.verify-on-start", false);
        properties.put("ledger.integrity.verify-interval", "PT0S");
        // As command-line arguments, these outrank application.yml.
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments)) {
            ProjectionProgress progress = service.getBean(ProjectionProgress.class);
            if (REUSED_SCHEMA == null) {
                progress.awaitCaughtUp(Duration.ofMinutes(5));
            }

            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            double recordedPerSecond = 0;
            TreeLagSampler lag = new TreeLagSampler(jdbc);
            if (REUSED_SCHEMA == null) {
                // Recording is measured alone, the read models following afterwards.
                progress.processors().values().forEach(StreamingEventProcessor::shutDown);
                CommandGateway commands = service.getBean(CommandGateway.class);
                SyntheticHistory history = new SyntheticHistory(command -> commands.sendAndWait(
                        GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("recordedBy", "benchmark"))),
                        42);
                long before = progress.head() + 1;
                long target = Math.max(0, size - before);
                long started = System.nanoTime();
                lag.start();
                ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
                List<Future<?>> work = new ArrayList<>();
                for (int worker = 0; worker < WRITERS; worker++) {
                    int id = worker;
                    work.add(writers.submit(() -> {
                        history.countPopulations(id, WRITERS, size >= 100_000 ? 6 : 1);
                        history.recordProgrammesUntil(target);
                    }));
                }
                for (Future<?> done : work) {
                    done.get();
                }
                writers.shutdown();
                double recordingSeconds = (System.nanoTime() - started) / 1e9;
                lag.stop();
                log("%,d events recorded by %d writers in %.1f s (%,d programmes), the verifiable log %s",
                        history.recorded(), WRITERS, recordingSeconds, history.programmes(),
                        SEQUENCING ? "following" : "off");
                if (SEQUENCING) {
                    log("the tree's lag behind recording: at most %.2f s (age of the oldest event not yet in it)",
                            lag.maxSeconds());
                }
                recordedPerSecond = history.recorded() / recordingSeconds;
            }
            // The read models are built by a rebuild, far faster than by the processors following a long history;
            // the processors then go on from where it ends, as in production.
            // An operator rebuilds in a service that has been up for a while: the compiler's start-up work done.
            awaitJitAtRest();
            Rebuild first = rebuild(service, 0, List.of(), null);
            progress.processors().values().forEach(StreamingEventProcessor::start);
            progress.awaitCaughtUp(Duration.ofMinutes(10));
            long events = progress.head() + 1;
            // Fresh statistics after a bulk load, as autovacuum gathers them within a minute in production (it is
            // off on some test machines); without them PostgreSQL may plan a proof's 20 key lookups in parallel.
            jdbc.execute("ANALYZE");
            Integrity integrity = integrity(service, lag.maxSeconds());
            int httpPort = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            long treeSize = service.getBean(TreeStore.class).state().treeSize();
            Random proofRandom = new Random(11);
            Map<String, double[]> proofLatencies = new LinkedHashMap<>();
            proofLatencies.put("inclusion", latency(httpPort, "inclusion proof", () -> "/api/integrity/inclusion-proof"
                    + "?leafIndex=" + (long) (proofRandom.nextDouble() * treeSize) + "&treeSize=" + treeSize));
            proofLatencies.put("consistency", latency(httpPort, "consistency proof",
                    () -> "/api/integrity/consistency-proof?first=" + (1 + (long) (proofRandom.nextDouble()
                            * (treeSize - 1))) + "&second=" + treeSize));

            double sequentialRead = sequentialRead(jdbc);
            double replayedPerSecond = 0;
            if (AXON_REPLAY) {
                long replayStarted = System.nanoTime();
                service.getBean(ProjectionReplay.class).replayAll(Duration.ofHours(2));
                double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;
                replayedPerSecond = events / replaySeconds;
                log("%,d events replayed by Axon's replay into every read model in %.1f s", events, replaySeconds);
            }

            Instant last = Instant.parse(jdbc.queryForObject(
                    "SELECT time_stamp FROM domain_event_entry ORDER BY global_index DESC LIMIT 1", String.class));
            // Each query asks about a programme at an instant after it was defined, so none is a quick 404.
            List<ProgrammeKnown> programmes = jdbc.query("SELECT programme_id, recorded_at FROM programme_view",
                    (row, index) -> new ProgrammeKnown(row.getString(1),
                            row.getObject(2, java.time.OffsetDateTime.class).toInstant()));
            int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            warmUpQueries(port, programmes, last);
            Map<String, double[]> latencies = new LinkedHashMap<>();
            latencies.put("coverage", latency(port, "/coverage", programmes, last));
            latencies.put("participants", latency(port, "/participants", programmes, last));
            latencies.put("timeline", latency(port, TIMELINE, programmes, last));
            latencies.put("coverage x" + QUERY_CLIENTS, concurrently(QUERY_CLIENTS,
                    client -> latency(port, "/coverage", programmes, last, client)));
            latencies.put("participants x" + QUERY_CLIENTS, concurrently(QUERY_CLIENTS,
                    client -> latency(port, "/participants", programmes, last, client)));
            latencies.putAll(proofLatencies);
            // And once more while the query clients keep asking.
            Rebuild rebuild = rebuild(service, port, programmes, last);
            // The JIT compiler resting after start-up has not compiled the rebuild's own code: the first rebuild of a
            // service's life pays for that, and a later one (an operator's second, say) does not.
            Rebuild again = rebuild(service, 0, List.of(), null);
            log("the first rebuild, with no reads: %,.0f events/s copying, peak heap %,d MB", first.copiedPerSecond(),
                    first.peakHeapBytes() >> 20);
            log("the third, with no reads, its code compiled by the first two: %,.0f events/s copying, %.3f of the"
                    + " raw read", again.copiedPerSecond(), again.copiedPerSecond() / sequentialRead);
            return new Result(events, programmes.size(), recordedPerSecond, replayedPerSecond, latencies, integrity,
                    first, rebuild, again, sequentialRead);
        } finally {
            Object schema = properties.get("ledger.test.schema");
            if (schema != null && Boolean.getBoolean("benchmark.keep")) {
                log("history kept in schema %s: measure it again with -Dbenchmark.schema=%s", schema, schema);
            } else if (schema != null) {
                TestDatabase.dropSchema(schema.toString());
            }
        }
    }

    /** p50 and p99 in milliseconds of requests for random programmes at random asOf and knownAt. */
    private static final String TIMELINE = "/coverage/timeline";

    private static double[] latency(int port, String query, List<ProgrammeKnown> programmes, Instant last)
            throws IOException {
        try (GcPauses pauses = GcPauses.begin()) {
            double[] percentiles = percentiles(timings(port, query, programmes, last, 7, QUERIES, WARM_UP));
            log("%s latency in ms, one client: p50 %.2f, p99 %.2f (%s, unmeasured first requests included)", query,
                    percentiles[0], percentiles[1], pauses.summary());
            return percentiles;
        }
    }

    /** One of several concurrent clients: its share of the requests, with a seed of its own. */
    private static long[] latency(int port, String query, List<ProgrammeKnown> programmes, Instant last, int client)
            throws IOException {
        return timings(port, query, programmes, last, 7 + client, QUERIES / QUERY_CLIENTS, WARM_UP / QUERY_CLIENTS);
    }

    /** Waits, at most a minute, until the JIT compiler rests for two seconds. */
    private static void awaitJitAtRest() throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < 60_000_000_000L) {
            CompilerActivity compiling = CompilerActivity.begin();
            Thread.sleep(2_000);
            if (compiling.atRest()) {
                break;
            }
        }
        log("the JIT compiler at rest after %.0f s", (System.nanoTime() - started) / 1e9);
    }

    /**
     * Asks every kind of query from as many clients as are measured until the JIT compiler rests: rounds of ten
     * seconds until one spends less than 5 % of its time compiling, at most {@code benchmark.maxWarmUpSeconds} (180).
     * A service answers for days; a p99 taken while the compiler still takes a core measures the compiler.
     */
    private static void warmUpQueries(int port, List<ProgrammeKnown> programmes, Instant last) throws Exception {
        long started = System.nanoTime();
        int maxSeconds = Integer.getInteger("benchmark.maxWarmUpSeconds", 180);
        for (int round = 1; ; round++) {
            CompilerActivity compiling = CompilerActivity.begin();
            long roundEnds = System.nanoTime() + 10_000_000_000L;
            ExecutorService pool = Executors.newFixedThreadPool(QUERY_CLIENTS);
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int client = 0; client < QUERY_CLIENTS; client++) {
                    Random random = new Random(1000L * round + client);
                    clients.add(pool.submit(() -> {
                        List<String> queries = List.of("/coverage", "/participants", TIMELINE);
                        while (System.nanoTime() < roundEnds) {
                            timeQuery(port, queries.get(random.nextInt(queries.size())),
                                    programmes.get(random.nextInt(programmes.size())), last, random);
                        }
                        return null;
                    }));
                }
                for (Future<?> client : clients) {
                    client.get();
                }
            } finally {
                pool.shutdown();
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            log("query warm-up at %.0f s: the JIT compiling %.0f %% of the time", seconds, compiling.share() * 100);
            if (compiling.atRest() || seconds > maxSeconds) {
                return;
            }
        }
    }

    /** Runs the clients at once and gives the p50 and p99 of all their requests together. */
    private static double[] concurrently(int clients, Client client) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try (GcPauses pauses = GcPauses.begin()) {
            List<Future<long[]>> results = new ArrayList<>();
            for (int index = 0; index < clients; index++) {
                int id = index;
                results.add(pool.submit(() -> client.run(id)));
            }
            List<Long> all = new ArrayList<>();
            for (Future<long[]> result : results) {
                for (long took : result.get()) {
                    all.add(took);
                }
            }
            double[] percentiles = percentiles(all.stream().mapToLong(Long::longValue).toArray());
            log("latency in ms with %d concurrent clients: p50 %.2f, p99 %.2f (%s, unmeasured first requests included)",
                    clients, percentiles[0], percentiles[1], pauses.summary());
            return percentiles;
        } finally {
            pool.shutdown();
        }
    }

    @FunctionalInterface
    private interface Client {
        long[] run(int client) throws Exception;
    }

    /** The time of each of {@code count} requests (after {@code warmUp} unmeasured ones) in nanoseconds. */
    private static long[] timings(int port, String query, List<ProgrammeKnown> programmes, Instant last, long seed,
                                  int count, int warmUp) throws IOException {
        Random random = new Random(seed);
        long[] nanos = new long[count];
        for (int request = -warmUp; request < count; request++) {
            long took = timeQuery(port, query, programmes.get(random.nextInt(programmes.size())), last, random);
            if (request >= 0) {
                nanos[request] = took;
            }
        }
        return nanos;
    }

    private static long timeQuery(int port, String query, ProgrammeKnown programme, Instant last, Random random)
            throws IOException {
        LocalDate asOf = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(365 * 7));
        Instant knownAt = between(programme.definedAt(), last, random);
        // The curve over the whole synthetic period (2020 to 2025), rather than one date.
        String parameters = query.equals(TIMELINE) ? "?from=2020-01-01&to=2025-12-31&knownAt=" + knownAt
                : "?asOf=" + asOf + "&knownAt=" + knownAt;
        return timeGet(port, "/api/programmes/" + programme.id() + query + parameters);
    }

    /**
     * Each client thread's buffer for answers: the clients share the service's heap, and a new buffer a request would
     * add their garbage to the service's collections, and the pauses to its latencies.
     */
    private static final ThreadLocal<byte[]> ANSWER_BUFFER = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    /** One GET on a kept-alive connection, read to the end; the time measured is the service's. */
    private static long timeGet(int port, String path) throws IOException {
        URL url = URI.create("http://127.0.0.1:" + port + path).toURL();
        byte[] buffer = ANSWER_BUFFER.get();
        long started = System.nanoTime();
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        int status = connection.getResponseCode();
        try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
            while (body != null && body.read(buffer) >= 0) {
                // read the whole answer
            }
        }
        long took = System.nanoTime() - started;
        if (status != 200) {
            throw new IllegalStateException(url + " answered " + status);
        }
        return took;
    }

    /** p50 and p99 in milliseconds. */
    private static double[] percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new double[] {sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6};
    }

    /** p50 and p99 in milliseconds of GET requests to the paths given, which must answer 200. */
    private static double[] latency(int port, String what, java.util.function.Supplier<String> paths)
            throws IOException {
        long[] nanos = new long[PROOFS];
        for (int request = -WARM_UP; request < PROOFS; request++) {
            long took = timeGet(port, paths.get());
            if (request >= 0) {
                nanos[request] = took;
            }
        }
        double[] percentiles = percentiles(nanos);
        log("%s latency in ms: p50 %.2f, p99 %.2f", what, percentiles[0], percentiles[1]);
        return percentiles;
    }

    /**
     * The raw limit a rebuild is set against: a sequential read of the whole event table, every column, on one
     * connection, in rows per second.
     */
    private static double sequentialRead(JdbcTemplate jdbc) throws java.sql.SQLException {
        RawLimits.Rate read = RawLimits.sequentialRead(jdbc.getDataSource(), 5_000);
        log("raw limit: a sequential read of the event table, %,d rows at %,.0f rows/s", read.rows(),
                read.perSecond());
        return read.perSecond();
    }

    /**
     * Rebuilds every read model through the operators' path while the query clients keep asking, and measures the
     * rebuild's rate, the peak heap, and the clients' latency during it against just before.
     */
    private static Rebuild rebuild(ConfigurableApplicationContext service, int port, List<ProgrammeKnown> programmes,
                                   Instant last) throws Exception {
        boolean reads = !programmes.isEmpty();
        double[] before = reads ? concurrently(QUERY_CLIENTS, client -> latency(port, "/coverage", programmes, last,
                client)) : new double[] {0, 0};
        ReadModelRebuilder rebuilder = service.getBean(ReadModelRebuilder.class);
        ReadModelRebuilds rebuilds = service.getBean(ReadModelRebuilds.class);
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Long> during = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicLong failures = new java.util.concurrent.atomic.AtomicLong();
        ExecutorService readers = Executors.newFixedThreadPool(QUERY_CLIENTS);
        for (int client = 0; reads && client < QUERY_CLIENTS; client++) {
            Random random = new Random(100 + client);
            readers.submit(() -> {
                while (running.get()) {
                    try {
                        during.add(timeQuery(port, "/coverage", programmes.get(random.nextInt(programmes.size())),
                                last, random));
                    } catch (Exception failed) {
                        failures.incrementAndGet();
                    }
                }
            });
        }
        Runtime runtime = Runtime.getRuntime();
        long peakHeap = 0;
        long started = System.nanoTime();
        RebuildStatus status = rebuilder.start("benchmark");
        while (true) {
            peakHeap = Math.max(peakHeap, runtime.totalMemory() - runtime.freeMemory());
            status = rebuilds.find(status.rebuildId()).orElseThrow();
            if (!"RUNNING".equals(status.state())) {
                break;
            }
            Thread.sleep(50);
        }
        double wholeSeconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        readers.shutdown();
        readers.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES);
        if (!"DONE".equals(status.state())) {
            throw new IllegalStateException("the rebuild failed: " + status.failure());
        }
        double copySeconds = service.getBean(JdbcTemplate.class).queryForObject(
                "SELECT copy_seconds FROM read_model_rebuild WHERE rebuild_id = ?", Double.class, status.rebuildId());
        double copied = status.eventsInAll() / copySeconds;
        double whole = status.eventsInAll() / wholeSeconds;
        double[] readsDuring = reads ? percentiles(during.stream().mapToLong(Long::longValue).toArray())
                : new double[] {0, 0};
        log("rebuild: %,d events copied in %.1f s, %,.0f events/s; %.1f s in all with catching up and the switch"
                        + " (%,.0f events/s); peak heap %,d MB of %,d MB", status.eventsInAll(), copySeconds, copied,
                wholeSeconds, whole, peakHeap >> 20, runtime.maxMemory() >> 20);
        if (reads) {
            log("coverage with %d clients, p50 / p99 ms: before %.2f / %.2f, during the rebuild %.2f / %.2f (%,d"
                    + " reads, %d failed)", QUERY_CLIENTS, before[0], before[1], readsDuring[0], readsDuring[1],
                    during.size(), failures.get());
        }
        return new Rebuild(copied, whole, peakHeap, runtime.maxMemory(), before, readsDuring, during.size(),
                failures.get());
    }

    /** Brings the tree up to date (building it whole when it did not follow), then times a full verification. */
    private static Integrity integrity(ConfigurableApplicationContext service, double maxLag) {
        TreeSequencer sequencer = service.getBean(TreeSequencer.class);
        TreeStore store = service.getBean(TreeStore.class);
        long before = store.state().treeSize();
        long started = System.nanoTime();
        long added = sequencer.extend();
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        double builtPerSecond = 0;
        if (!SEQUENCING) {
            builtPerSecond = added / buildSeconds;
            log("the tree built afterwards: %,d leaves in %.1f s, %,.0f leaves/s", added, buildSeconds,
                    builtPerSecond);
        } else {
            log("the tree had %,d leaves when recording ended; %,d more added after it", before, added);
        }
        TreeVerifier.Verification verification = service.getBean(TreeVerifier.class).verify();
        double verifiedPerSecond = verification.checked() / verification.seconds();
        log("verification: %,d leaves recomputed from the stored events in %.1f s, %,.0f events/s, consistent %s",
                verification.checked(), verification.seconds(), verifiedPerSecond, verification.consistent());
        return new Integrity(maxLag, builtPerSecond, verifiedPerSecond, verification.checked(),
                verification.consistent());
    }

    /** Samples, every 100 ms, how old the oldest event not yet in the tree is. */
    private static final class TreeLagSampler {
        private final JdbcTemplate jdbc;
        private volatile boolean running = true;
        private volatile double maxSeconds;
        private Thread thread;

        TreeLagSampler(JdbcTemplate jdbc) {
            this.jdbc = jdbc;
        }

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    List<String> oldest = jdbc.queryForList("SELECT time_stamp FROM domain_event_entry"
                            + " WHERE global_index > (SELECT last_global_index FROM integrity_tree WHERE id = 1)"
                            + " ORDER BY global_index LIMIT 1", String.class);
                    if (!oldest.isEmpty()) {
                        double age = Duration.between(Instant.parse(oldest.get(0)), Instant.now()).toNanos() / 1e9;
                        maxSeconds = Math.max(maxSeconds, age);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }, "tree-lag-sampler");
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join();
        }

        double maxSeconds() {
            return maxSeconds;
        }
    }

    private static Instant between(Instant from, Instant to, Random random) {
        return from.plusMillis((long) (random.nextDouble() * (to.toEpochMilli() - from.toEpochMilli() + 1)));
    }

    private static void report(List<Result> results) throws IOException {
        StringBuilder table = new StringBuilder();
        table.append(String.format(Locale.ROOT, "Ledger benchmark on %s, %d writers, %d queries each (%d concurrent"
                        + " clients for the xN figures), verifiable log %s (%s, %d processors, max heap %,d MB)%n%n",
                REUSED_SCHEMA != null ? "postgres schema " + REUSED_SCHEMA : DATABASE, WRITERS, QUERIES,
                QUERY_CLIENTS, SEQUENCING ? "following" : "off while recording", Instant.now(),
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20));
        table.append("| events | programmes | recorded events/s (in-process) | rebuild events/s, no reads"
                + " (copy / all) | the same with " + QUERY_CLIENTS + " clients reading (copy) | raw sequential read"
                + " rows/s | rebuild / raw | a third rebuild, no reads (copy; / raw) | peak heap MB"
                + " | Axon replay events/s |\n"
                + "|---|---|---|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            Rebuild alone = result.rebuildAlone();
            Rebuild withReads = result.rebuild();
            Rebuild again = result.rebuildAgain();
            table.append(String.format(Locale.ROOT,
                    "| %,d | %,d | %s | %,.0f / %,.0f | %,.0f | %,.0f | %.3f | %,.0f; %.3f | %,d | %s |%n",
                    result.events(), result.programmes(), result.recordedPerSecond() > 0 ? String.format(Locale.ROOT,
                            "%,.0f", result.recordedPerSecond()) : "(reused)", alone.copiedPerSecond(),
                    alone.wholePerSecond(), withReads.copiedPerSecond(), result.sequentialReadPerSecond(),
                    alone.copiedPerSecond() / result.sequentialReadPerSecond(), again.copiedPerSecond(),
                    again.copiedPerSecond() / result.sequentialReadPerSecond(),
                    Math.max(Math.max(alone.peakHeapBytes(), withReads.peakHeapBytes()), again.peakHeapBytes()) >> 20,
                    result.replayedPerSecond() > 0 ? String.format(Locale.ROOT, "%,.0f", result.replayedPerSecond())
                            : "-"));
        }
        table.append("\n| events | coverage p50 / p99 ms | participants p50 / p99 ms | timeline p50 / p99 ms"
                + " | coverage x" + QUERY_CLIENTS + " | participants x" + QUERY_CLIENTS
                + " | coverage x" + QUERY_CLIENTS + " during the rebuild (reads, failed) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            Map<String, double[]> latency = result.latencies();
            Rebuild rebuild = result.rebuild();
            table.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s | %s | %s | %s (%,d, %d) |%n",
                    result.events(), pair(latency.get("coverage")), pair(latency.get("participants")),
                    pair(latency.get("timeline")), pair(latency.get("coverage x" + QUERY_CLIENTS)),
                    pair(latency.get("participants x" + QUERY_CLIENTS)), pair(rebuild.readsDuring()),
                    rebuild.readsDuringCount(), rebuild.readFailures()));
        }
        table.append("\n| events | tree's max lag s | tree built afterwards leaves/s | verified events/s"
                + " | inclusion proof p50 / p99 ms | consistency proof p50 / p99 ms |\n|---|---|---|---|---|---|\n");
        for (Result result : results) {
            table.append(String.format(Locale.ROOT, "| %,d | %s | %s | %,.0f%s | %s | %s |%n",
                    result.events(), SEQUENCING && REUSED_SCHEMA == null ? String.format(Locale.ROOT, "%.2f",
                            result.integrity().maxLagSeconds()) : "-",
                    SEQUENCING ? "-" : String.format(Locale.ROOT, "%,.0f", result.integrity().builtPerSecond()),
                    result.integrity().verifiedPerSecond(), result.integrity().consistent() ? "" : " (NOT CONSISTENT)",
                    pair(result.latencies().get("inclusion")), pair(result.latencies().get("consistency"))));
        }
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark.md"), table);
    }

    private static String pair(double[] p50AndP99) {
        return String.format(Locale.ROOT, "%.2f / %.2f", p50AndP99[0], p50AndP99[1]);
    }

    private static void log(String format, Object... arguments) {
        System.out.printf(Locale.ROOT, "[benchmark] " + format + "%n", arguments);
    }
}
