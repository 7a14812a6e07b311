package no.ledger.api.benchmark;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import no.ledger.api.LedgerApplication;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.TestDatabase;
import no.ledger.api.support.TestUsers;
import no.ledger.api.web.WithoutRecordingController;
import no.ledger.core.programme.DefineProgramme;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Recording through the REST API as other systems record, against what the database itself gives in the same run.
 * Real HTTP clients on loopback (keep-alive, Basic auth as a recorder) post participation decisions, one command a
 * request, spread over many aggregates as real traffic is: programme after programme, its municipalities invited,
 * then most of them signing, then entering commitments or options, some options exercised, each wave in a shuffled
 * order. At 4 and at 16 clients, after a warm-up, timed phases of REST recording alternate with phases of raw
 * one-row-per-transaction inserts at the same concurrency ({@link RawLimits}), twice over, and each figure is printed
 * beside its limit as a ratio: the ratio holds on a shared machine whose other load comes and goes, the absolute
 * figures do not. The read models and the verifiable log follow recording as in production; between phases they
 * catch up, untimed, so that no phase pays for the one before. After each REST phase, the same requests are sent
 * to {@link WithoutRecordingController}, which answers them without recording: the floor that the web stack and the
 * clients set under any recording path on this machine.
 *
 * <p>Run with {@code ./mvnw -pl ledger-api -am verify -Pbenchmark -Dtest=RecordingBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (PostgreSQL on 127.0.0.1:5432, database test), with
 * {@code -Dbenchmark.database=h2} on an H2 file. {@code -Dbenchmark.clients=4,16},
 * {@code -Dbenchmark.phaseSeconds}, {@code -Dbenchmark.rounds} change the load; {@code
 * -Dbenchmark.idempotencyKeys=true} sends an {@code Idempotency-Key} with every request; {@code -Dbenchmark.jfr=true}
 * records a flight recording of each REST phase into {@code target/} (every socket read included; {@code
 * src/test/benchmark/jfr-breakdown.py} sums up where the time went); {@code
 * -Dbenchmark.asyncProfiler=<path of libasyncProfiler.so>} samples each REST phase with async-profiler instead, at
 * far less cost to the phase ({@link AsyncProfilerAttach}; {@code -Dbenchmark.profilerEvent=cpu} for kernel frames
 * too, at more). On H2, {@code -Dbenchmark.h2WriteDelay=<ms>} lets H2 hold commits in memory for that long,
 * as the ledger never does: what recording would give if a commit cost nothing. {@code -Dbenchmark.schema=<name>}
 * records into a PostgreSQL schema kept by {@code LedgerBenchmark} ({@code -Dbenchmark.keep=true}), on top of its
 * history, rather than into a fresh one. Figures go to standard output and to {@code
 * ledger-api/target/recording-benchmark.md}.
 */
@Tag("benchmark")
class RecordingBenchmark {

    private static final String DATABASE = System.getProperty("benchmark.database", "postgres");
    private static final List<Integer> CLIENTS = Arrays.stream(System.getProperty("benchmark.clients", "4,16")
            .split(",")).map(String::trim).map(Integer::parseInt).toList();
    private static final int PHASE_SECONDS = Integer.getInteger("benchmark.phaseSeconds", 15);
    private static final int WARM_UP_SECONDS = Integer.getInteger("benchmark.warmUpSeconds", 20);
    private static final int MAX_WARM_UP_SECONDS = Integer.getInteger("benchmark.maxWarmUpSeconds", 300);
    private static final int ROUNDS = Integer.getInteger("benchmark.rounds", 2);
    private static final boolean IDEMPOTENCY_KEYS = Boolean.getBoolean("benchmark.idempotencyKeys");
    private static final boolean JFR = Boolean.getBoolean("benchmark.jfr");
    private static final AsyncProfilerAttach ASYNC_PROFILER = System.getProperty("benchmark.asyncProfiler") == null
            ? null : new AsyncProfilerAttach(Path.of(System.getProperty("benchmark.asyncProfiler")),
            System.getProperty("benchmark.profilerEvent", "itimer"));
    /** H2's WRITE_DELAY: 0, as application.yml has it, writes every commit to the file before it returns. */
    private static final int H2_WRITE_DELAY = Integer.getInteger("benchmark.h2WriteDelay", 0);
    /** A PostgreSQL schema with a long history, kept by LedgerBenchmark: recorded into on top of it. */
    private static final String REUSED_SCHEMA = System.getProperty("benchmark.schema");

    /** The phases of the same requests answered without recording ({@link WithoutRecordingController}). */
    private static final String WITHOUT_RECORDING = "without recording";

    private static final Thresholds THRESHOLDS = new Thresholds(new BigDecimal("0.5"), new BigDecimal("0.55"),
            new BigDecimal("0.85"));

    /** The benchmark's client threads, named so that {@link MachineCost} counts them as load, not as the service. */
    static final String CLIENT_THREAD = "benchmark-client";

    /**
     * One phase's outcome: REST events/s, or raw rows/s; the events, requests or rows it counted, and what the phase
     * cost the machine meanwhile.
     */
    record Phase(int clients, String kind, double perSecond, long failures, long units, MachineCost.Spent spent) {
    }

    @Test
    void recordingAgainstRawInserts() throws Exception {
        String loadBefore = loadAverage();
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("logging.level.root", "WARN");
        Path directory = Files.createTempDirectory("ledger-recording-benchmark");
        if (REUSED_SCHEMA != null || "postgres".equals(DATABASE)) {
            System.setProperty("ledger.test.database", "postgres");
            properties.putAll(REUSED_SCHEMA != null ? TestDatabase.existingPostgresSchema(REUSED_SCHEMA)
                    : TestDatabase.fresh());
            // The tests' small pool (many contexts at once) is not production's: the postgres profile's 20.
            properties.put("spring.datasource.hikari.maximum-pool-size", 20);
            properties.remove("spring.datasource.hikari.minimum-idle");
            properties.remove("spring.datasource.hikari.idle-timeout");
        } else {
            // As application.yml has it, in a directory of its own.
            properties.put("spring.datasource.url", "jdbc:h2:file:" + directory.resolve("ledger")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE"
                    + ";WRITE_DELAY=" + H2_WRITE_DELAY);
            if (H2_WRITE_DELAY != 0) {
                log("H2 WRITE_DELAY=%d: commits, the raw inserts' too, are NOT in the file when they return",
                        H2_WRITE_DELAY);
            }
        }
        properties.putAll(TestUsers.properties());
        properties.put(WithoutRecordingController.ENABLED, true);
        properties.put("ledger.integrity.generated-key", directory.resolve("tree-signing-key.pem"));
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments)) {
            int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            awaitReady(port);
            ProjectionProgress progress = service.getBean(ProjectionProgress.class);
            Decisions decisions = new Decisions(service.getBean(CommandGateway.class), 42, true);
            // The same kinds of request in the same mix, answered without recording: the floor under recording.
            Decisions unrecorded = new Decisions(service.getBean(CommandGateway.class), 43, false);
            DataSource raw = rawDataSource(service.getEnvironment());
            if (REUSED_SCHEMA != null) {
                log("recording into schema %s on top of its %,d events", REUSED_SCHEMA, progress.head() + 1);
            }
            log("%s, clients %s, %d s phases, %d rounds, Idempotency-Key %s; load average %s", DATABASE, CLIENTS,
                    PHASE_SECONDS, ROUNDS, IDEMPOTENCY_KEYS, loadBefore);

            warmUp(port, decisions, CLIENTS.get(CLIENTS.size() - 1));
            progress.awaitCaughtUp(Duration.ofMinutes(10));
            RawLimits.EventSizes sizes = RawLimits.eventSizes(raw);
            log("Stored events average %d bytes of payload and %d of metadata: the raw rows are as large",
                    sizes.payloadBytes(), sizes.metaDataBytes());
            RawLimits.oneRowInserts(raw, CLIENTS.get(0), Duration.ofSeconds(2), sizes);

            List<Phase> phases = new ArrayList<>();
            for (int round = 1; round <= ROUNDS; round++) {
                for (int clients : CLIENTS) {
                    RawLimits.Rate limit = RawLimits.oneRowInserts(raw, clients, Duration.ofSeconds(PHASE_SECONDS),
                            sizes);
                    phases.add(new Phase(clients, "raw", limit.perSecond(), 0, limit.rows(), limit.spent()));
                    log("round %d, %d clients: raw one-row inserts %,.0f rows/s; %s", round, clients,
                            limit.perSecond(), limit.spent().per(limit.rows(), "row"));

                    Path jfr = JFR || ASYNC_PROFILER != null
                            ? Path.of("target", "recording-" + DATABASE + "-" + clients + "-" + round + ".jfr") : null;
                    Phase rest = record(port, decisions, clients, PHASE_SECONDS, jfr, "REST", raw);
                    phases.add(rest);
                    long behind = progress.head();
                    long waited = System.nanoTime();
                    progress.awaitCaughtUp(Duration.ofMinutes(10));
                    log("round %d, %d clients: REST recording %,.0f events/s (%d refused), ratio %.3f; the read"
                                    + " models caught up in %.1f s after it (head %,d); %s", round, clients,
                            rest.perSecond(), rest.failures(), rest.perSecond() / limit.perSecond(),
                            (System.nanoTime() - waited) / 1e9, behind, rest.spent().per(rest.units(), "event"));
                    Phase floor = record(port, unrecorded, clients, PHASE_SECONDS, null, WITHOUT_RECORDING, raw);
                    phases.add(floor);
                    log("round %d, %d clients: the same requests without recording %,.0f requests/s, ratio %.3f;"
                                    + " %s", round, clients, floor.perSecond(), floor.perSecond() / limit.perSecond(),
                            floor.spent().per(floor.units(), "request"));
                }
            }
            String loadAfter = loadAverage();
            String report = report(phases, loadBefore, loadAfter, decisions.requests());
            log("%n%s", report);
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "recording-benchmark.md"), report);
            progress.processors().values().forEach(processor -> processor.shutDown());
        } finally {
            Object schema = properties.get("ledger.test.schema");
            if (schema != null && !Boolean.getBoolean("benchmark.keep")) {
                TestDatabase.dropSchema(schema.toString());
            }
        }
    }

    /**
     * Records until the JIT compiler rests: at least the warm-up's seconds, then on in rounds of ten seconds until one
     * spends less than {@link CompilerActivity#AT_REST} of its time compiling, at most {@link #MAX_WARM_UP_SECONDS}. A
     * service runs for days; a phase measured while the compiler still takes a core measures the compiler (after a
     * warm-up of 20 s it took 0.4 of this machine's two cores, and halved the rate).
     */
    private static void warmUp(int port, Decisions decisions, int clients) throws Exception {
        long started = System.nanoTime();
        log("Warming up at %d clients for %d s at least, until the JIT compiler rests", clients, WARM_UP_SECONDS);
        record(port, decisions, clients, WARM_UP_SECONDS, null, "REST", null);
        while (true) {
            CompilerActivity compiling = CompilerActivity.begin();
            Phase phase = record(port, decisions, clients, 10, null, "REST", null);
            double seconds = (System.nanoTime() - started) / 1e9;
            log("warm-up at %.0f s: %,.0f events/s, the JIT compiling %.0f %% of the time", seconds,
                    phase.perSecond(), compiling.share() * 100);
            if (compiling.atRest() || seconds > MAX_WARM_UP_SECONDS) {
                return;
            }
        }
    }

    /**
     * Posts decisions from {@code clients} threads for the duration: events recorded (201 answers) a second, and what
     * that cost the machine ({@code database}: where to read PostgreSQL's counters, if anywhere).
     */
    private static Phase record(int port, Decisions decisions, int clients, int seconds, Path flightRecording,
                                String kind, DataSource database) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        String credentials = "Basic " + Base64.getEncoder().encodeToString((TestUsers.RECORDER + ":"
                + TestUsers.password(TestUsers.RECORDER)).getBytes(StandardCharsets.UTF_8));
        String base = "http://127.0.0.1:" + port;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong recorded = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        Map<String, String> firstRefusals = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(clients,
                task -> new Thread(task, CLIENT_THREAD + "-" + threads.incrementAndGet()));
        List<Future<?>> work = new ArrayList<>();
        for (int client = 0; client < clients; client++) {
            work.add(executor.submit(() -> {
                start.await();
                while (!stop.get()) {
                    Decision decision = decisions.next();
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + decision.path()))
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", credentials)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(decision.body()));
                    if (IDEMPOTENCY_KEYS) {
                        request.header("Idempotency-Key", UUID.randomUUID().toString());
                    }
                    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 201) {
                        recorded.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                        if (firstRefusals.size() < 5) {
                            firstRefusals.putIfAbsent(decision.path(), answer.statusCode() + " " + answer.body());
                        }
                    }
                }
                return null;
            }));
        }
        Recording recording = null;
        if (flightRecording != null && ASYNC_PROFILER != null) {
            ASYNC_PROFILER.start(flightRecording);
        } else if (flightRecording != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            // Every socket read, however short: on PostgreSQL, where a request waits for the database.
            recording.enable("jdk.SocketRead").withThreshold(Duration.ZERO).withStackTrace();
            recording.setToDisk(true);
            recording.start();
        }
        MachineCost.Reading costBefore = MachineCost.read(database);
        long before = recorded.get();
        long started = System.nanoTime();
        start.countDown();
        Thread.sleep(seconds * 1000L);
        long counted = recorded.get() - before;
        double elapsed = (System.nanoTime() - started) / 1e9;
        // Read while the clients' threads are still there.
        MachineCost.Spent spent = MachineCost.between(costBefore, MachineCost.read(database));
        stop.set(true);
        if (flightRecording != null && ASYNC_PROFILER != null) {
            ASYNC_PROFILER.stop();
            log("async-profiler's samples of the phase: %s", flightRecording);
        } else if (recording != null) {
            recording.stop();
            recording.dump(flightRecording);
            recording.close();
            log("flight recording of the phase: %s", flightRecording);
        }
        for (Future<?> done : work) {
            done.get();
        }
        executor.shutdown();
        if (!firstRefusals.isEmpty()) {
            log("refused: %s", firstRefusals);
        }
        if (refused.get() * 1000 > recorded.get() + refused.get()) {
            throw new IllegalStateException(refused.get() + " of " + (recorded.get() + refused.get())
                    + " decisions refused: " + firstRefusals);
        }
        return new Phase(clients, kind, counted / elapsed, refused.get(), counted, spent);
    }

    /** A decision to post: its path and JSON body. */
    record Decision(String path, String body) {
    }

    /**
     * The decisions in the order they are sent, endlessly: programme after programme (each defined when first
     * needed, in scope everywhere), over its 356 municipalities in a shuffled order, waves of invitations, then
     * declarations (70 %), then agreements (a commitment for 35 %, an option for 35 %), then exercises of half the
     * options. Every decision keeps the rules, and a municipality's next decision comes a wave later, hundreds of
     * requests after its last, so no two clients contend for one participation. Unless {@code recorded}, the
     * requests go to {@link WithoutRecordingController} and no programme is defined.
     */
    static final class Decisions {

        private final CommandGateway commands;
        private final long seed;
        private final boolean recorded;
        private final List<String> municipalities = SyntheticHistory.readMunicipalities().stream()
                .map(SyntheticHistory.Municipality::number).toList();
        private final AtomicLong requests = new AtomicLong();
        private List<Decision> block = List.of();
        private int next;
        private int programme;
        private final String run = Long.toString(System.currentTimeMillis(), 36);

        Decisions(CommandGateway commands, long seed, boolean recorded) {
            this.commands = commands;
            this.seed = seed;
            this.recorded = recorded;
        }

        long requests() {
            return requests.get();
        }

        synchronized Decision next() {
            if (next == block.size()) {
                block = nextProgramme();
                next = 0;
            }
            requests.incrementAndGet();
            return block.get(next++);
        }

        private List<Decision> nextProgramme() {
            // Named for the run, so that runs into one kept schema never define a programme twice.
            String id = String.format(Locale.ROOT, "recording-%s-%05d", run, ++programme);
            Random random = new Random(seed * 31 + programme);
            LocalDate deadline = LocalDate.of(2024, 12, 31);
            if (recorded) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new DefineProgramme(id,
                        "Programme " + id, Arrays.stream(HealthRegion.values()).map(Enum::name).toList(), deadline,
                        THRESHOLDS, LocalDate.of(2024, 1, 2), "benchmark")).andMetaData(Map.of("recordedBy",
                        "benchmark")));
            }
            List<String> order = new ArrayList<>(municipalities);
            Collections.shuffle(order, random);
            List<List<Decision>> waves = new ArrayList<>();
            for (int wave = 0; wave < 4; wave++) {
                waves.add(new ArrayList<>());
            }
            for (String number : order) {
                String at = "/api/programmes/" + id + "/participants/" + number
                        + (recorded ? "" : "/" + WithoutRecordingController.SEGMENT);
                List<Decision> own = new ArrayList<>();
                own.add(new Decision(at + "/invitation", String.format(Locale.ROOT,
                        "{\"invitedOn\":\"%s\",\"reference\":\"%s/24\"}",
                        LocalDate.of(2024, 2, 1).plusDays(random.nextInt(30)), programme)));
                if (random.nextDouble() < 0.7) {
                    LocalDate signedOn = LocalDate.of(2024, 6, 1).plusDays(random.nextInt(200));
                    own.add(new Decision(at + "/declaration", String.format(Locale.ROOT,
                            "{\"signedOn\":\"%s\",\"decisionReference\":\"PS %d/24\",\"signatory\":\"ordfører\"}",
                            signedOn, random.nextInt(200))));
                }
                double agreement = random.nextDouble();
                LocalDate enteredOn = LocalDate.of(2025, 1, 15).plusDays(random.nextInt(300));
                if (agreement < 0.35) {
                    own.add(new Decision(at + "/commitment", String.format(Locale.ROOT,
                            "{\"enteredOn\":\"%s\",\"decisionReference\":\"KS %d/25\"}", enteredOn,
                            random.nextInt(200))));
                } else if (agreement < 0.7) {
                    own.add(new Decision(at + "/option", String.format(Locale.ROOT,
                            "{\"enteredOn\":\"%s\",\"decisionReference\":\"KS %d/25\",\"expiresOn\":\"%s\"}",
                            enteredOn, random.nextInt(200), enteredOn.plusDays(400))));
                    if (random.nextBoolean()) {
                        own.add(new Decision(at + "/option/exercise", String.format(Locale.ROOT,
                                "{\"exercisedOn\":\"%s\",\"decisionReference\":\"KS %d/26\"}",
                                enteredOn.plusDays(100 + random.nextInt(300)), random.nextInt(200))));
                    }
                }
                for (int index = 0; index < own.size(); index++) {
                    waves.get(index).add(own.get(index));
                }
            }
            return waves.stream().flatMap(List::stream).toList();
        }
    }

    /** Connections of their own to the service's database, outside its pool, for the raw measurements. */
    private static DataSource rawDataSource(Environment environment) {
        return new DriverManagerDataSource(environment.getRequiredProperty("spring.datasource.url"),
                environment.getProperty("spring.datasource.username", "sa"),
                environment.getProperty("spring.datasource.password", ""));
    }

    /** Until the reference data is recorded and the read models caught up, /api answers 503. */
    private static void awaitReady(int port) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            int status = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status == 200) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the service did not become ready");
    }

    private static String report(List<Phase> phases, String loadBefore, String loadAfter, long requests) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "Recording through the REST API on %s,"
                        + " %d s phases, %d rounds, Idempotency-Key %s (%s; load average before %s, after %s;"
                        + " %,d requests in all)%n%n", REUSED_SCHEMA != null ? "postgres schema " + REUSED_SCHEMA
                        : DATABASE, PHASE_SECONDS, ROUNDS,
                IDEMPOTENCY_KEYS ? "on every request" : "not sent", Instant.now(), loadBefore, loadAfter, requests));
        table.append("| clients | REST recording (events/s) | raw one-row inserts (rows/s) | ratio | rounds"
                + " (REST / raw) | the same requests without recording (requests/s) | ratio to raw |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (int clients : CLIENTS) {
            List<Double> rest = rates(phases, clients, "REST");
            List<Double> raw = rates(phases, clients, "raw");
            double restMean = rest.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double rawMean = raw.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            StringBuilder rounds = new StringBuilder();
            for (int round = 0; round < rest.size(); round++) {
                rounds.append(round == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,.0f / %,.0f = %.2f",
                        rest.get(round), raw.get(round), rest.get(round) / raw.get(round)));
            }
            double floorMean = rates(phases, clients, WITHOUT_RECORDING).stream().mapToDouble(Double::doubleValue)
                    .average().orElse(0);
            table.append(String.format(Locale.ROOT, "| %d | %,.0f | %,.0f | **%.2f** | %s | %,.0f | %.2f |%n",
                    clients, restMean, rawMean, restMean / rawMean, rounds, floorMean, floorMean / rawMean));
        }
        table.append("\nWhat each cost the machine, over all rounds (CPU in ms; \"service\" is every thread of the"
                + " service's JVM but the benchmark's clients, the compiler and the collector)\n\n"
                + "| clients | per | service threads | clients | JIT and GC | PostgreSQL | transactions |"
                + " rows written |\n|---|---|---|---|---|---|---|---|\n");
        for (int clients : CLIENTS) {
            for (String kind : List.of("raw", "REST", WITHOUT_RECORDING)) {
                List<Phase> ofKind = phases.stream()
                        .filter(phase -> phase.clients() == clients && phase.kind().equals(kind)).toList();
                long units = ofKind.stream().mapToLong(Phase::units).sum();
                MachineCost.Spent spent = ofKind.stream().map(Phase::spent)
                        .reduce(MachineCost.Spent.NOTHING, MachineCost.Spent::plus);
                String per = switch (kind) {
                    case "raw" -> "raw row";
                    case "REST" -> "recorded event";
                    default -> "request not recorded";
                };
                table.append("| ").append(clients).append(" | ").append(per).append(" | ")
                        .append(spent.cells(units)).append(" |\n");
            }
        }
        return table.toString();
    }

    private static List<Double> rates(List<Phase> phases, int clients, String kind) {
        return phases.stream().filter(phase -> phase.clients() == clients && phase.kind().equals(kind))
                .map(Phase::perSecond).toList();
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException unknown) {
            return "unknown";
        }
    }

    private static void log(String format, Object... arguments) {
        System.out.printf(Locale.ROOT, "[recording-benchmark] " + format + "%n", arguments);
    }
}
