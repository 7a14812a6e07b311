package no.ledger.api.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import no.ledger.api.LedgerApplication;
import no.ledger.api.feed.FeedHorizon;
import no.ledger.api.feed.FeedSubscriptions;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.TestDatabase;
import no.ledger.api.support.TestUsers;
import no.ledger.core.company.FoundCompany;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What following the feed costs the ledger: the recording rate with no subscriber and with 100 Server-Sent Events
 * subscribers on the same instance, printed with their ratio (the goal: at least 0.90). Phases alternate, none, 100,
 * none, 100, so that drift (the machine's other load, the store's growth) falls on both sides alike. Each command
 * founds a company of its own: one event and one new aggregate, the same cost from the first to the last.
 *
 * <p>Run with {@code ./mvnw -pl ledger-api -am verify -Pbenchmark -Dtest=FeedBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false} (PostgreSQL on 127.0.0.1:5432, database test), with
 * {@code -Dbenchmark.database=h2} on an H2 file; {@code -Dbenchmark.subscribers}, {@code -Dbenchmark.writers} and
 * {@code -Dbenchmark.phaseSeconds} change the load. The subscribers run in a process of their own
 * ({@link FeedSubscriberProcess}), as other systems would; {@code -Dbenchmark.clients=in-jvm} holds them with the JDK's
 * HttpClient in this JVM instead. Either way they share the machine's cores with the service, so the ratio includes
 * what the clients cost. Figures go to standard output and to {@code ledger-api/target/feed-benchmark.md}.
 */
@Tag("benchmark")
class FeedBenchmark {

    private static final int SUBSCRIBERS = Integer.getInteger("benchmark.subscribers", 100);
    private static final int WRITERS = Integer.getInteger("benchmark.writers", 4);
    private static final int PHASE_SECONDS = Integer.getInteger("benchmark.phaseSeconds", 15);
    private static final String DATABASE = System.getProperty("benchmark.database", "postgres");
    /** {@code process}: the subscribers in a process of their own; {@code in-jvm}: the JDK's HttpClient in this JVM. */
    private static final String CLIENTS = System.getProperty("benchmark.clients", "process");

    @Test
    void recordingWithAndWithoutSubscribers() throws Exception {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("logging.level.root", "WARN");
        properties.put("ledger.reference-data.enabled", false);
        if ("postgres".equals(DATABASE)) {
            System.setProperty("ledger.test.database", "postgres");
            properties.putAll(TestDatabase.fresh());
        } else {
            Path directory = Files.createTempDirectory("ledger-feed-benchmark");
            properties.put("spring.datasource.url", "jdbc:h2:file:" + directory.resolve("ledger")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE");
        }
        properties.putAll(TestUsers.properties());
        String[] arguments = properties.entrySet().stream()
                .map(property -> "--" + property.getKey() + "=" + property.getValue()).toArray(String[]::new);
        try (ConfigurableApplicationContext service = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments)) {
            int port = Integer.parseInt(service.getEnvironment().getProperty("local.server.port"));
            CommandGateway commands = service.getBean(CommandGateway.class);
            ProjectionProgress progress = service.getBean(ProjectionProgress.class);
            FeedHorizon horizon = service.getBean(FeedHorizon.class);
            FeedSubscriptions subscriptions = service.getBean(FeedSubscriptions.class);

            AtomicLong recorded = new AtomicLong();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
            for (int writer = 0; writer < WRITERS; writer++) {
                int id = writer;
                writers.submit(() -> {
                    for (long index = 0; !stop.get(); index++) {
                        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new FoundCompany(
                                "bench-" + id + "-" + index, "Selskap " + index, LocalDate.of(2021, 6, 1),
                                "benchmark")).andMetaData(Map.of("recordedBy", "benchmark")));
                        recorded.incrementAndGet();
                    }
                    return null;
                });
            }
            log("Warming up for %d s (%d writers, %s), with the streams' code path too", PHASE_SECONDS, WRITERS,
                    DATABASE);
            try (Subscribers warmUp = Subscribers.open(port, SUBSCRIBERS, horizon.horizon())) {
                awaitAll(subscriptions, SUBSCRIBERS);
                Thread.sleep(PHASE_SECONDS * 1000L);
            }
            awaitAll(subscriptions, 0);

            List<Double> without = new ArrayList<>();
            List<Double> with = new ArrayList<>();
            long delivered = 0;
            for (int round = 0; round < 2; round++) {
                without.add(measure(recorded, "no subscriber"));
                try (Subscribers open = Subscribers.open(port, SUBSCRIBERS, horizon.horizon())) {
                    awaitAll(subscriptions, SUBSCRIBERS);
                    with.add(measure(recorded, SUBSCRIBERS + " subscribers"));
                    delivered += open.minimumReceived();
                }
                awaitAll(subscriptions, 0);
            }
            stop.set(true);
            writers.shutdown();
            writers.awaitTermination(1, TimeUnit.MINUTES);

            double rateWithout = without.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            double rateWith = with.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            String report = String.format(Locale.ROOT, """
                    | subscribers | recording (events/s) | phases |
                    |---|---|---|
                    | 0 | %,.0f | %s |
                    | %d | %,.0f | %s |

                    Ratio with %d subscribers / without: **%.3f** (%s, %d writers, %d s phases, subscribers %s; \
                    each subscriber received at least %,d events while measured)
                    """, rateWithout, format(without), SUBSCRIBERS, rateWith, format(with), SUBSCRIBERS,
                    rateWith / rateWithout, DATABASE, WRITERS, PHASE_SECONDS,
                    "in-jvm".equals(CLIENTS) ? "in this JVM" : "in another process", delivered);
            log("%n%s", report);
            Files.writeString(Path.of("target", "feed-benchmark.md"), report);
            progress.processors().values().forEach(processor -> processor.shutDown());
        }
    }

    /** The rate of one phase, logged with its start and end, so that a profile of the run can be cut by phase. */
    private static double measure(AtomicLong recorded, String phase) throws InterruptedException {
        long before = recorded.get();
        Instant from = Instant.now();
        long started = System.nanoTime();
        Thread.sleep(PHASE_SECONDS * 1000L);
        double rate = (recorded.get() - before) / ((System.nanoTime() - started) / 1e9);
        log("%s to %s %s: %,.0f events/s", from, Instant.now(), phase, rate);
        return rate;
    }

    private static void awaitAll(FeedSubscriptions subscriptions, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (subscriptions.count() != count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        if (subscriptions.count() != count) {
            throw new IllegalStateException(subscriptions.count() + " streams open, not " + count);
        }
    }

    private static String format(List<Double> rates) {
        return String.join(", ", rates.stream().map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList());
    }

    private static void log(String format, Object... arguments) {
        System.out.printf(Locale.ROOT, "[feed-benchmark] " + format + "%n", arguments);
    }

    /** The subscribers of a phase: streams open on the service, each counting the events it receives. */
    private interface Subscribers extends AutoCloseable {

        static Subscribers open(int port, int count, long after) throws Exception {
            String credentials = Base64.getEncoder().encodeToString((TestUsers.SUBSCRIBER + ":"
                    + TestUsers.password(TestUsers.SUBSCRIBER)).getBytes(StandardCharsets.UTF_8));
            return "in-jvm".equals(CLIENTS) ? InJvmSubscribers.open(port, count, after, credentials)
                    : ProcessSubscribers.open(port, count, after, credentials);
        }

        /** The fewest events any of them has received. */
        long minimumReceived() throws IOException;

        @Override
        void close();
    }

    /**
     * Streams held by another process ({@link FeedSubscriberProcess}), one thread reading them all, as other systems
     * would follow the ledger; it still shares the machine's cores with the service.
     */
    private static final class ProcessSubscribers implements Subscribers {

        private final Process process;
        private final BufferedReader answers;
        private final PrintStream commands;

        private ProcessSubscribers(Process process) {
            this.process = process;
            this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.US_ASCII));
            this.commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.US_ASCII);
        }

        static ProcessSubscribers open(int port, int count, long after, String credentials) throws Exception {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String classes = Path.of(FeedSubscriberProcess.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
            // A small heap and one garbage collector thread: a client that costs little.
            Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC",
                    "-cp", classes, FeedSubscriberProcess.class.getName(), String.valueOf(port),
                    String.valueOf(count), String.valueOf(after), credentials)
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            ProcessSubscribers subscribers = new ProcessSubscribers(process);
            String opened = subscribers.answers.readLine();
            if (!"open".equals(opened)) {
                subscribers.close();
                throw new IllegalStateException("streams did not open: " + opened);
            }
            return subscribers;
        }

        @Override
        public long minimumReceived() throws IOException {
            commands.println("count");
            return Long.parseLong(answers.readLine());
        }

        @Override
        public void close() {
            commands.close();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /**
     * Streams held by the JDK's HttpClient in the benchmark's own JVM ({@code -Dbenchmark.clients=in-jvm}), read
     * without a thread each: they only count the events (the SSE ids) that arrive.
     */
    private static final class InJvmSubscribers implements Subscribers {

        private final List<CompletableFuture<HttpResponse<Void>>> responses = new ArrayList<>();
        private final List<Counting> counters = new ArrayList<>();

        static InJvmSubscribers open(int port, int count, long after, String credentials)
                throws InterruptedException {
            InJvmSubscribers subscribers = new InJvmSubscribers();
            // HTTP/1.1 from the start: asking for an h2c upgrade, the client holds back further requests to the host
            // until the first one completes, which a stream never does.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            CountDownLatch opened = new CountDownLatch(count);
            for (int index = 0; index < count; index++) {
                Counting counter = new Counting(opened);
                subscribers.counters.add(counter);
                subscribers.responses.add(client.sendAsync(HttpRequest.newBuilder(
                                URI.create("http://localhost:" + port + "/api/events/stream?after=" + after))
                        .header("Authorization", "Basic " + credentials)
                        .header("Accept", "text/event-stream").GET().build(),
                        HttpResponse.BodyHandlers.fromSubscriber(counter)));
            }
            if (!opened.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("streams did not open");
            }
            return subscribers;
        }

        @Override
        public long minimumReceived() {
            return counters.stream().mapToLong(counter -> counter.events.get()).min().orElse(0);
        }

        @Override
        public void close() {
            counters.forEach(Counting::cancel);
            responses.forEach(response -> response.cancel(true));
        }
    }

    /** Counts lines that start with "id:" across the buffers as they come. */
    private static final class Counting implements Flow.Subscriber<List<ByteBuffer>> {

        private final AtomicLong events = new AtomicLong();
        private final CountDownLatch opened;
        private volatile Flow.Subscription subscription;
        private int matched = 1; // at the start of a line, as if after a newline
        private static final byte[] PATTERN = "\nid:".getBytes(StandardCharsets.US_ASCII);

        Counting(CountDownLatch opened) {
            this.opened = opened;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
            opened.countDown();
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                while (buffer.hasRemaining()) {
                    byte next = buffer.get();
                    if (next == PATTERN[matched]) {
                        matched++;
                        if (matched == PATTERN.length) {
                            events.incrementAndGet();
                            matched = 0;
                        }
                    } else {
                        matched = next == '\n' ? 1 : 0;
                    }
                }
            }
        }

        void cancel() {
            if (subscription != null) {
                subscription.cancel();
            }
        }

        @Override
        public void onError(Throwable failure) {
            // cancelled at the end of a phase
        }

        @Override
        public void onComplete() {
            // the service closed the stream
        }
    }
}
