package no.ledger.api.projection;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code /actuator/processors}: each read model processor, the segments this instance holds with their position
 * and lag behind the newest event, and which instance owns each segment.
 */
@Component
@Endpoint(id = "processors")
public class ProcessorsEndpoint {

    private final ProjectionProgress progress;
    private final ProjectionFailures failures;
    private final JdbcTemplate jdbc;

    public ProcessorsEndpoint(ProjectionProgress progress, ProjectionFailures failures, JdbcTemplate jdbc) {
        this.progress = progress;
        this.failures = failures;
        this.jdbc = jdbc;
    }

    public record SegmentStatus(int segment, Long position, Long lag, boolean replaying, String error) {
    }

    public record ProcessorStatus(boolean running, boolean failing, long maxLag, List<SegmentStatus> heldHere,
                                  Map<Integer, String> owners, ProjectionFailures.Failure failure) {
    }

    public record Processors(long head, Map<String, ProcessorStatus> processors) {
    }

    @ReadOperation
    public Processors processors() {
        long head = progress.head();
        Map<String, ProcessorStatus> processors = new TreeMap<>();
        progress.processors().forEach((name, processor) -> processors.put(name, status(name, processor, head)));
        return new Processors(head, processors);
    }

    ProcessorStatus status(String name, StreamingEventProcessor processor, long head) {
        List<SegmentStatus> segments = new ArrayList<>();
        long maxLag = 0;
        boolean failing = false;
        for (EventTrackerStatus status : new TreeMap<>(processor.processingStatus()).values()) {
            Long position = status.getCurrentPosition().isPresent() ? status.getCurrentPosition().getAsLong() : null;
            Long lag = position == null ? null : Math.max(0, head - position);
            maxLag = Math.max(maxLag, lag == null ? head + 1 : lag);
            failing |= status.isErrorState();
            segments.add(new SegmentStatus(status.getSegment().getSegmentId(), position, lag, status.isReplaying(),
                    status.isErrorState() ? String.valueOf(status.getError()) : null));
        }
        Map<Integer, String> owners = new LinkedHashMap<>();
        jdbc.query("SELECT segment, owner FROM token_entry WHERE processor_name = ? ORDER BY segment",
                row -> {
                    owners.put(row.getInt("segment"), row.getString("owner"));
                }, name);
        ProjectionFailures.Failure failure = failures.outstanding(name).orElse(null);
        return new ProcessorStatus(processor.isRunning(), failing || failure != null || processor.isError(), maxLag,
                segments, owners, failure);
    }
}
