package no.ledger.api.instances;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import no.ledger.api.LedgerApplication;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.TestDatabase;
import no.ledger.api.support.TestUsers;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Several ledger instances (application contexts, each with its own web server, processors and instance id) over
 * one database, as in production. Short heartbeats, claim intervals and claim timeouts make hand-overs quick.
 */
final class LedgerInstances implements AutoCloseable {

    private final Map<String, String> database;

    /** Instances in this JVM, on a database of their own. */
    LedgerInstances() {
        this(false);
    }

    /** @param acrossProcesses whether instances in other JVMs must reach the database too (H2 then serves it) */
    LedgerInstances(boolean acrossProcesses) {
        this.database = acrossProcesses ? TestDatabase.freshForSeveralProcesses() : TestDatabase.fresh();
    }
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    ConfigurableApplicationContext start(String instanceId, String... moreArguments) {
        List<String> arguments = arguments(instanceId);
        arguments.addAll(List.of(moreArguments));
        ConfigurableApplicationContext instance = new SpringApplicationBuilder(LedgerApplication.class)
                .run(arguments.toArray(String[]::new));
        started.add(instance);
        return instance;
    }

    /** The command-line arguments of an instance: its id, the shared database, quick hand-overs. */
    List<String> arguments(String instanceId) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--ledger.instance-id=" + instanceId,
                "--ledger.instances.heartbeat=PT0.3S",
                "--ledger.processors.claim-interval-ms=300",
                "--axon.eventhandling.tokenstore.claim-timeout=PT3S"));
        database.forEach((name, value) -> arguments.add("--" + name + "=" + value));
        TestUsers.properties().forEach((name, value) -> arguments.add("--" + name + "=" + value));
        return arguments;
    }

    static LedgerClient client(ConfigurableApplicationContext instance) {
        return new LedgerClient(Integer.parseInt(instance.getEnvironment().getProperty("local.server.port")));
    }

    static ProjectionProgress progress(ConfigurableApplicationContext instance) {
        return instance.getBean(ProjectionProgress.class);
    }

    /** The number of segments of the processor that the instance holds. */
    static int segmentsHeld(ConfigurableApplicationContext instance, String processor) {
        return progress(instance).processors().get(processor).processingStatus().size();
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout + ": " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    @Override
    public void close() throws Exception {
        for (ConfigurableApplicationContext instance : started) {
            instance.close();
        }
        String schema = database.get("ledger.test.schema");
        if (schema != null) {
            TestDatabase.dropSchema(schema);
        }
    }
}
