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
 * The ledger's speed over a history of 10,000 and of 1,000,000 events, printed, not asserted: how fast commands
 * record events, how fast every read model is rebuilt from scratch, and how long the coverage and participants
 * queries take through the REST API on loopback at a random asOf and knownAt.
 *
 * <p>Run with {@code ./mvnw -pl ledger-api -am verify -Pbenchmark} (PostgreSQL on 127.0.0.1:5432, database test);
 * {@code -Dbenchmark.database=h2} runs it on an H2 file instead, {@code -Dbenchmark.sizes=10000,100000} on other
 * sizes. Figures go to standard output and to {@code ledger-api/target/benchmark.md}.
 *
 * <p>The verifiable log follows recording as in production; {@code -Dbenchmark.sequencing=false} turns it off while
 * recording (and builds the tree afterwards), to compare what following costs recording. Either way it then times a
 * full verification and inclusion and consistency proofs over HTTP at random leaves and sizes.
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

    record ProgrammeKnown(String id, Instant definedAt) {
    }

    record Result(long events, long programmes, double recordedPerSecond, double replayedPerSecond,
                  Map<String, double[]> latencies, Integrity integrity) {
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
        if ("postgres".equals(DATABASE)) {
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
            progress.awaitCaughtUp(Duration.ofMinutes(5));
            // Recording is measured alone; the read models are then rebuilt from scratch and measured too.
            progress.processors().values().forEach(StreamingEventProcessor::shutDown);

            CommandGateway commands = service.getBean(CommandGateway.class);
            SyntheticHistory history = new SyntheticHistory(command -> commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("recordedBy", "benchmark"))),
                    42);
            long before = progress.head() + 1;
            long target = Math.max(0, size - before);
            long started = System.nanoTime();
            JdbcTemplate jdbc = service.getBean(JdbcTemplate.class);
            TreeLagSampler lag = new TreeLagSampler(jdbc);
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
            long events = progress.head() + 1;
            log("%,d events recorded by %d writers in %.1f s (%,d programmes), the verifiable log %s", history.recorded(),
                    WRITERS, recordingSeconds, history.programmes(), SEQUENCING ? "following" : "off");
            if (SEQUENCING) {
                log("the tree's lag behind recording: at most %.2f s (age of the oldest event not yet in it)",
                        lag.maxSeconds());
            }
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

            long replayStarted = System.nanoTime();
            service.getBean(ProjectionReplay.class).replayAll(Duration.ofHours(2));
            double replaySeconds = (System.nanoTime() - replayStarted) / 1e9;
            log("%,d events replayed into every read model in %.1f s", events, replaySeconds);

            // Fresh statistics after a bulk load, as autovacuum would gather them in time.
            jdbc.execute("ANALYZE");
            Instant last = Instant.parse(jdbc.queryForObject(
                    "SELECT time_stamp FROM domain_event_entry ORDER BY global_index DESC LIMIT 1", String.class));
            // Each query asks about a programme at an instant after it was defined, so none is a quick 404.
            List<ProgrammeKnown> programmes = jdbc.query("SELECT programme_id, recorded_at FROM programme_view",
                    (row, index) -> new ProgrammeKnown(row.getString(1),
                            row.getObject(2, java.time.OffsetDateTime.class).toInstant()));
            int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            Map<String, double[]> latencies = new LinkedHashMap<>();
            latencies.put("coverage", latency(port, "/coverage", programmes, last));
            latencies.put("participants", latency(port, "/participants", programmes, last));
            latencies.put("timeline", latency(port, TIMELINE, programmes, last));
            latencies.putAll(proofLatencies);
            return new Result(events, programmes.size(), history.recorded() / recordingSeconds,
                    events / replaySeconds, latencies, integrity);
        } finally {
            Object schema = properties.get("ledger.test.schema");
            if (schema != null && !Boolean.getBoolean("benchmark.keep")) {
                TestDatabase.dropSchema(schema.toString());
            }
        }
    }

    /** p50 and p99 in milliseconds of requests for random programmes at random asOf and knownAt. */
    private static final String TIMELINE = "/coverage/timeline";

    private static double[] latency(int port, String query, List<ProgrammeKnown> programmes, Instant last)
            throws IOException {
        Random random = new Random(7);
        long[] nanos = new long[QUERIES];
        byte[] buffer = new byte[64 * 1024];
        for (int request = -WARM_UP; request < QUERIES; request++) {
            ProgrammeKnown programme = programmes.get(random.nextInt(programmes.size()));
            LocalDate asOf = LocalDate.of(2020, 1, 1).plusDays(random.nextInt(365 * 7));
            Instant knownAt = between(programme.definedAt(), last, random);
            // The curve over the whole synthetic period (2020 to 2025), rather than one date.
            String parameters = query.equals(TIMELINE) ? "?from=2020-01-01&to=2025-12-31&knownAt=" + knownAt
                    : "?asOf=" + asOf + "&knownAt=" + knownAt;
            URL url = URI.create("http://127.0.0.1:" + port + "/api/programmes/" + programme.id() + query
                    + parameters).toURL();
            // A plain blocking client on a kept-alive connection: the time measured is the service's.
            long started = System.nanoTime();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            int status = connection.getResponseCode();
            try (InputStream body = connection.getInputStream()) {
                while (body.read(buffer) >= 0) {
                    // read the whole answer
                }
            }
            long took = System.nanoTime() - started;
            if (status != 200) {
                throw new IllegalStateException(url + " answered " + status);
            }
            if (request >= 0) {
                nanos[request] = took;
            }
        }
        Arrays.sort(nanos);
        log("%s latency in ms: p50 %.2f, p90 %.2f, p95 %.2f, p99 %.2f, max %.2f", query, nanos[QUERIES / 2] / 1e6,
                nanos[QUERIES * 9 / 10] / 1e6, nanos[QUERIES * 95 / 100] / 1e6, nanos[QUERIES * 99 / 100] / 1e6,
                nanos[QUERIES - 1] / 1e6);
        return new double[] {nanos[QUERIES / 2] / 1e6, nanos[(int) Math.ceil(QUERIES * 0.99) - 1] / 1e6};
    }

    /** p50 and p99 in milliseconds of GET requests to the paths given, which must answer 200. */
    private static double[] latency(int port, String what, java.util.function.Supplier<String> paths)
            throws IOException {
        int count = PROOFS;
        long[] nanos = new long[count];
        byte[] buffer = new byte[64 * 1024];
        for (int request = -WARM_UP; request < count; request++) {
            URL url = URI.create("http://127.0.0.1:" + port + paths.get()).toURL();
            long started = System.nanoTime();
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            int status = connection.getResponseCode();
            try (InputStream body = connection.getInputStream()) {
                while (body.read(buffer) >= 0) {
                    // read the whole answer
                }
            }
            long took = System.nanoTime() - started;
            if (status != 200) {
                throw new IllegalStateException(url + " answered " + status);
            }
            if (request >= 0) {
                nanos[request] = took;
            }
        }
        Arrays.sort(nanos);
        log("%s latency in ms: p50 %.2f, p90 %.2f, p99 %.2f, max %.2f", what, nanos[count / 2] / 1e6,
                nanos[count * 9 / 10] / 1e6, nanos[(int) Math.ceil(count * 0.99) - 1] / 1e6, nanos[count - 1] / 1e6);
        return new double[] {nanos[count / 2] / 1e6, nanos[(int) Math.ceil(count * 0.99) - 1] / 1e6};
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
        table.append(String.format(Locale.ROOT, "Ledger benchmark on %s, %d writers, %d queries each, verifiable log"
                + " %s (%s)%n%n", DATABASE, WRITERS, QUERIES, SEQUENCING ? "following" : "off while recording",
                Instant.now()));
        table.append("| events | programmes | recorded events/s | replayed events/s | coverage p50 / p99 ms"
                + " | participants p50 / p99 ms | timeline p50 / p99 ms |\n|---|---|---|---|---|---|---|\n");
        for (Result result : results) {
            double[] coverage = result.latencies().get("coverage");
            double[] participants = result.latencies().get("participants");
            double[] timeline = result.latencies().get("timeline");
            table.append(String.format(Locale.ROOT, "| %,d | %,d | %,.0f | %,.0f | %.2f / %.2f | %.2f / %.2f"
                            + " | %.2f / %.2f |%n",
                    result.events(), result.programmes(), result.recordedPerSecond(), result.replayedPerSecond(),
                    coverage[0], coverage[1], participants[0], participants[1], timeline[0], timeline[1]));
        }
        if (results.size() > 1) {
            Result small = results.get(0);
            Result large = results.get(results.size() - 1);
            for (String query : List.of("coverage", "participants", "timeline")) {
                table.append(String.format(Locale.ROOT, "%n%s p99 at %,d events is %.2f times the p99 at %,d",
                        query, large.events(), large.latencies().get(query)[1] / small.latencies().get(query)[1],
                        small.events()));
            }
            table.append('\n');
        }
        table.append("\n| events | tree's max lag s | tree built afterwards leaves/s | verified events/s"
                + " | inclusion proof p50 / p99 ms | consistency proof p50 / p99 ms |\n|---|---|---|---|---|---|\n");
        for (Result result : results) {
            double[] inclusion = result.latencies().get("inclusion");
            double[] consistency = result.latencies().get("consistency");
            table.append(String.format(Locale.ROOT, "| %,d | %s | %s | %,.0f%s | %.2f / %.2f | %.2f / %.2f |%n",
                    result.events(), SEQUENCING ? String.format(Locale.ROOT, "%.2f", result.integrity().maxLagSeconds())
                            : "-", SEQUENCING ? "-" : String.format(Locale.ROOT, "%,.0f",
                            result.integrity().builtPerSecond()), result.integrity().verifiedPerSecond(),
                    result.integrity().consistent() ? "" : " (NOT CONSISTENT)", inclusion[0], inclusion[1],
                    consistency[0], consistency[1]));
        }
        System.out.println(table);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "benchmark.md"), table);
    }

    private static void log(String format, Object... arguments) {
        System.out.printf(Locale.ROOT, "[benchmark] " + format + "%n", arguments);
    }
}
