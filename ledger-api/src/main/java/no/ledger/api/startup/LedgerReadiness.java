package no.ledger.api.startup;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Where the start-up is on its way to ready, as the {@code ledgerReadiness} health indicator of the readiness group:
 * out of service while the reference data is recorded and while the read models catch up with the event store,
 * up once they have. Spring's own readiness state turns to accepting traffic only after that, when the last
 * application runner ({@link CatchUpBeforeReady}) returns.
 */
@Component("ledgerReadiness")
public class LedgerReadiness implements HealthIndicator {

    /** The steps of a start, in order: the application starts and records the reference data, then waits. */
    public enum Phase {
        STARTING, CATCHING_UP, READY
    }

    private final ReadModelCatchUp catchUp;
    private volatile Phase phase = Phase.STARTING;
    private volatile long target = -1;

    public LedgerReadiness(ReadModelCatchUp catchUp) {
        this.catchUp = catchUp;
    }

    public Phase phase() {
        return phase;
    }

    void catchingUpWith(long position) {
        target = position;
        phase = Phase.CATCHING_UP;
    }

    void ready() {
        phase = Phase.READY;
    }

    @Override
    public Health health() {
        Phase now = phase;
        Health.Builder health = (now == Phase.READY ? Health.up() : Health.status(Status.OUT_OF_SERVICE))
                .withDetail("phase", now);
        if (now == Phase.CATCHING_UP) {
            health.withDetail("head", target).withDetail("readModels", catchUp.positions());
        }
        return health.build();
    }
}
