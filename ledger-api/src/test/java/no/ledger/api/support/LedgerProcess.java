package no.ledger.api.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import no.ledger.api.LedgerApplication;

/**
 * The service in a JVM of its own, started as {@code java -cp <the test classpath> LedgerApplication}, so that a
 * test can watch it start, kill it for real ({@code kill -9}) and start it again over the same store. On H2 it uses
 * the default store, {@code ./data} under a working directory of its own; with {@code -Ppostgres}, a fresh schema.
 */
public final class LedgerProcess implements AutoCloseable {

    private final Path workingDirectory;
    private final Map<String, String> database;
    private final List<Path> logs = new ArrayList<>();
    private Process process;
    private int port;

    private LedgerProcess(Path workingDirectory, Map<String, String> database) {
        this.workingDirectory = workingDirectory;
        this.database = database;
    }

    /** A service on a store of its own that nothing has used yet. */
    public static LedgerProcess onFreshStore() {
        try {
            return new LedgerProcess(Files.createTempDirectory("ledger-process"),
                    TestDatabase.onPostgres() ? TestDatabase.fresh() : Map.of());
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    /**
     * The properties of the service in the other JVM: its database and the test users. Claims of a killed instance
     * time out after two seconds, so that a restart takes its
     * segments over quickly.
     */
    Map<String, String> properties(int port) {
        Map<String, String> properties = new LinkedHashMap<>(database);
        properties.put("server.port", String.valueOf(port));
        properties.put("axon.eventhandling.tokenstore.claim-timeout", "PT2S");
        properties.put("ledger.instances.heartbeat", "PT0.3S");
        properties.put("ledger.processors.claim-interval-ms", "300");
        properties.putAll(TestUsers.properties());
        return properties;
    }

    /** Starts the service on a free port, without waiting for it. */
    public LedgerProcess start() {
        return start(freePort());
    }

    /** Starts the service on the given port, without waiting for it. */
    public LedgerProcess start(int port) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("already running");
        }
        this.port = port;
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true",
                "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                LedgerApplication.class.getName()));
        properties(port).forEach((name, value) -> command.add("--" + name + "=" + value));
        try {
            Path log = workingDirectory.resolve("ledger-" + (logs.size() + 1) + ".log");
            logs.add(log);
            process = new ProcessBuilder(command).directory(workingDirectory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
        return this;
    }

    public Process process() {
        return process;
    }

    public LedgerClient client() {
        return new LedgerClient(port);
    }

    /** Waits until the readiness probe answers 200; fails if the process dies or the time runs out. */
    public void awaitReady(Duration timeout) {
        LedgerClient client = client();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("the service exited with " + process.exitValue() + " before it was ready; "
                        + "log: " + lastLog());
            }
            try {
                if (client.get("/actuator/health/readiness").status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // the port opens during the start
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not ready within " + timeout + "; log: " + lastLog());
            }
            pause(Duration.ofMillis(50));
        }
    }

    /** {@code kill -9}: the process gets no chance to write, close or release anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the killed service did not end");
        }
    }

    public Path lastLog() {
        return logs.get(logs.size() - 1);
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            kill();
        }
        String schema = database.get("ledger.test.schema");
        if (schema != null) {
            TestDatabase.dropSchema(schema);
        }
        try (Stream<Path> files = Files.walk(workingDirectory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException failure) {
            throw new UncheckedIOException(failure);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
