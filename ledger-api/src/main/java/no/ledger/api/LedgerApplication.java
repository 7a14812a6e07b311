package no.ledger.api;

import java.time.Duration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The ledger service: the REST API over the core's aggregates and the projections' read models. */
@SpringBootApplication(scanBasePackages = {"no.ledger.api", "no.ledger.projections"})
public class LedgerApplication {

    /** How long the shutdown hooks of a failed start may take before the JVM is halted. */
    private static final Duration EXIT_GRACE = Duration.ofSeconds(10);

    public static void main(String[] args) {
        try {
            SpringApplication.run(LedgerApplication.class, args);
        } catch (Throwable failedStart) {
            // Spring has logged the failure and closed the context. A thread that outlives it (Axon's are not
            // daemons) would keep a JVM alive without a port, which no supervisor restarts: end it, non-zero.
            exitAfterFailedStart();
        }
    }

    private static void exitAfterFailedStart() {
        Thread halt = new Thread(() -> {
            try {
                Thread.sleep(EXIT_GRACE.toMillis());
            } catch (InterruptedException ignored) {
                // halting anyway
            }
            Runtime.getRuntime().halt(1);
        }, "halt-after-failed-start");
        halt.setDaemon(true);
        halt.start();
        System.exit(1);
    }
}
