package no.ledger.api.startup;

import java.time.Duration;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.rebuild.ReadModelRebuilder;
import no.ledger.api.rebuild.RebuildInProgress;
import no.ledger.api.rebuild.RebuildRefused;
import no.ledger.api.rebuild.RebuildStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The last step of a start: waits until every read model has processed every event that was in the store once the
 * reference data was recorded. Spring Boot turns its readiness state to accepting traffic only when the application
 * runners have returned, so until then the readiness probe is down and {@code /api/**} answers 503. There is no
 * time limit: a read model that replays a long history takes what it takes, and one that fails on an event keeps
 * the instance out of service, which its health shows, rather than let it answer from a read model that misses
 * decisions.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE)
public class CatchUpBeforeReady implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpBeforeReady.class);
    private static final Duration POLL = Duration.ofMillis(20);
    private static final Duration REPORT_EVERY = Duration.ofSeconds(10);

    private final ProjectionProgress progress;
    private final ReadModelCatchUp catchUp;
    private final LedgerReadiness readiness;
    private final ReadModelRebuilder rebuilder;
    private final long rebuildWhenBehind;

    public CatchUpBeforeReady(ProjectionProgress progress, ReadModelCatchUp catchUp, LedgerReadiness readiness,
                              ReadModelRebuilder rebuilder,
                              @Value("${ledger.read-models.rebuild-at-start-when-behind:100000}") long rebuildWhenBehind) {
        this.progress = progress;
        this.catchUp = catchUp;
        this.readiness = readiness;
        this.rebuilder = rebuilder;
        this.rebuildWhenBehind = rebuildWhenBehind;
    }

    @Override
    public void run(ApplicationArguments arguments) throws InterruptedException {
        long head = progress.head();
        readiness.catchingUpWith(head);
        rebuildIfFarBehind(head);
        long started = System.nanoTime();
        long nextReport = started + REPORT_EVERY.toNanos();
        while (!catchUp.reached(head)) {
            if (System.nanoTime() > nextReport) {
                LOG.info("Waiting for the read models to reach event {} before accepting traffic: {}", head,
                        catchUp.positions());
                nextReport += REPORT_EVERY.toNanos();
            }
            Thread.sleep(POLL.toMillis());
        }
        readiness.ready();
        LOG.info("Read models caught up with event {} in {} ms; ready", head,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /**
     * Read models far behind (a restored backup, a new read model, a history imported by other means) would take
     * the processors' event-by-event pace to catch up; a rebuild folds them at the copy's pace, and the processors go
     * on from where it ends. Below {@code ledger.read-models.rebuild-at-start-when-behind} events (0: never) the
     * processors catch up as usual.
     */
    private void rebuildIfFarBehind(long head) throws InterruptedException {
        long slowest = catchUp.positions().values().stream().flatMap(segments -> segments.values().stream())
                .mapToLong(Long::longValue).min().orElse(-1);
        if (rebuildWhenBehind <= 0 || head - slowest < rebuildWhenBehind) {
            return;
        }
        LOG.info("The read models are {} events behind the event store (more than {}): rebuilding them", head - slowest,
                rebuildWhenBehind);
        // This instance's processors would only compete with the rebuild for what it does faster.
        progress.processors().values().forEach(StreamingEventProcessor::shutDown);
        try {
            RebuildStatus done = rebuilder.rebuildAndWait("start-up");
            LOG.info("Rebuild {} at start-up ended {}", done.rebuildId(), done.state());
        } catch (RebuildInProgress | RebuildRefused notHere) {
            LOG.info("No rebuild at start-up ({}); the processors catch up", notHere.getMessage());
        } finally {
            progress.processors().values().forEach(StreamingEventProcessor::start);
        }
    }
}
