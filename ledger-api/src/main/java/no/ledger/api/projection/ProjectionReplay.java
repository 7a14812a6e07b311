package no.ledger.api.projection;

import java.time.Duration;
import no.ledger.api.caching.SettledHorizon;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every read model from the first event: each processor stops, its tokens are reset (its projections'
 * reset handlers empty their tables), and it starts again and replays. Read models keep the recorded time of each
 * event in their rows, so a rebuild gives the same answers for every asOf and knownAt.
 */
@Component
public class ProjectionReplay {

    private final ProjectionProgress progress;
    private final SettledHorizon horizon;

    public ProjectionReplay(ProjectionProgress progress, SettledHorizon horizon) {
        this.progress = progress;
        this.horizon = horizon;
    }

    public void replayAll(Duration timeout) {
        for (StreamingEventProcessor processor : progress.processors().values()) {
            processor.shutDown();
            processor.resetTokens();
            // Its read models settle again from the first event: no answer is fixed until they have.
            horizon.forget();
            processor.start();
        }
        progress.awaitCaughtUp(timeout);
    }
}
