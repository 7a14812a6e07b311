package no.ledger.api.projection;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/** How far each read model processor has come through the event stream, and waiting for them to catch up. */
@Component
public class ProjectionProgress {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final FoldedUpTo foldedUpTo;

    public ProjectionProgress(EventProcessingConfiguration processing, EventStore eventStore, FoldedUpTo foldedUpTo) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.foldedUpTo = foldedUpTo;
    }

    /** The global index of the newest event in the store, or -1 for an empty store. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    public Map<String, StreamingEventProcessor> processors() {
        return processing.eventProcessors().entrySet().stream()
                .filter(entry -> entry.getValue() instanceof StreamingEventProcessor)
                .collect(Collectors.toMap(Map.Entry::getKey,
                        entry -> (StreamingEventProcessor) entry.getValue()));
    }

    /**
     * Whether this instance holds every segment of the processor and each has folded every event up to the position
     * (any position for an empty store; see {@link FoldedUpTo}), and none is failing. A replayed segment counts by
     * its position: it stays marked as replaying until it sees an event newer than the reset, even once it has
     * processed all of them.
     */
    public boolean reached(StreamingEventProcessor processor, long position) {
        Map<Integer, EventTrackerStatus> statuses = processor.processingStatus();
        double heldShareOfStream = statuses.values().stream()
                .mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1))
                .sum();
        if (heldShareOfStream < 0.999) {
            return false;
        }
        for (EventTrackerStatus status : statuses.values()) {
            if (!foldedUpTo.covers(status.getTrackingToken(), position) || status.isErrorState()) {
                return false;
            }
        }
        return true;
    }

    /** Each processor's segments here: position, and whether replaying or failing. */
    public String describe() {
        StringBuilder description = new StringBuilder();
        processors().forEach((name, processor) -> {
            description.append(name).append(processor.isRunning() ? " running" : " stopped").append(" {");
            processor.processingStatus().forEach((segment, status) -> description.append(' ').append(segment)
                    .append('@').append(status.getCurrentPosition())
                    .append(status.isReplaying() ? " replaying" : "")
                    .append(status.isErrorState() ? " failing: " + status.getError() : ""));
            description.append(" } ");
        });
        return description.toString();
    }

    /** Waits until every processor has processed every event recorded before the call. */
    public void awaitCaughtUp(Duration timeout) {
        long target = head();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StreamingEventProcessor> processors = List.copyOf(processors().values());
        while (!processors.stream().allMatch(processor -> reached(processor, target))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("read models did not reach event " + target + " within " + timeout
                        + ": " + describe());
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(interrupted);
            }
        }
    }
}
