package no.ledger.api.projection;

import java.time.Duration;
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

    public ProjectionReplay(ProjectionProgress progress) {
        this.progress = progress;
    }

    public void replayAll(Duration timeout) {
        for (StreamingEventProcessor processor : progress.processors().values()) {
            processor.shutDown();
            processor.resetTokens();
            processor.start();
        }
        progress.awaitCaughtUp(timeout);
    }
}
