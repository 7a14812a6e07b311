package no.ledger.api.projection;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import no.ledger.api.config.InstanceIdentity;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Shares the event processors' segments fairly between the instances that share the database. Each instance
 * beats a heartbeat into {@code ledger_instance}; one that holds more segments of a processor than its fair share
 * (all segments divided by the instances alive, rounded up; rounded down while another instance holds fewer)
 * releases the extra ones for a while, so that an instance holding fewer claims them. An instance that stops deletes its heartbeat and releases its claims; one that
 * dies stops beating, its claims time out, and the others take its segments over.
 */
@Component
public class SegmentBalancer implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SegmentBalancer.class);

    private final JdbcTemplate jdbc;
    private final ProjectionProgress progress;
    private final String instanceId;
    private final Duration period;
    private ScheduledExecutorService scheduler;

    public SegmentBalancer(JdbcTemplate jdbc, ProjectionProgress progress, InstanceIdentity instance,
                           @Value("${ledger.instances.heartbeat:PT2S}") Duration period) {
        this.jdbc = jdbc;
        this.progress = progress;
        this.instanceId = instance.id();
        this.period = period;
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "segment-balancer");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::balanceSafely, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
            jdbc.update("DELETE FROM ledger_instance WHERE instance_id = ?", instanceId);
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }

    /** Starts after Axon's processors and stops before them: the heartbeat ends first, then the claims go. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }

    private void balanceSafely() {
        try {
            balance();
        } catch (RuntimeException failure) {
            LOG.warn("Could not balance segments; trying again in {}", period, failure);
        }
    }

    /** One round: beat, count the instances alive, release what exceeds this instance's share. */
    void balance() {
        OffsetDateTime now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class);
        if (jdbc.update("UPDATE ledger_instance SET heartbeat_at = ? WHERE instance_id = ?", now, instanceId) == 0) {
            jdbc.update("INSERT INTO ledger_instance (instance_id, started_at, heartbeat_at) VALUES (?, ?, ?)",
                    instanceId, now, now);
        }
        // Instances gone for long (they died without saying so) are forgotten.
        jdbc.update("DELETE FROM ledger_instance WHERE heartbeat_at < ?", now.minus(period.multipliedBy(100)));
        List<String> alive = jdbc.queryForList("SELECT instance_id FROM ledger_instance WHERE heartbeat_at > ?",
                String.class, now.minus(period.multipliedBy(3)));
        int instances = Math.max(1, alive.size());
        for (Map.Entry<String, StreamingEventProcessor> processor : progress.processors().entrySet()) {
            Map<String, Integer> heldBy = new HashMap<>();
            jdbc.query("SELECT owner, COUNT(*) FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL"
                    + " GROUP BY owner", row -> {
                        heldBy.put(row.getString(1), row.getInt(2));
                    }, processor.getKey());
            Integer segments = jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = ?",
                    Integer.class, processor.getKey());
            int least = (segments == null ? 0 : segments) / instances;
            int most = (int) Math.ceil((segments == null ? 0 : segments) / (double) instances);
            List<Integer> held = processor.getValue().processingStatus().keySet().stream()
                    .sorted(Comparator.reverseOrder()).toList();
            // Beyond the most any instance should hold, or above the least while another is below it.
            boolean anotherBelowLeast = alive.stream()
                    .anyMatch(other -> !other.equals(instanceId) && heldBy.getOrDefault(other, 0) < least);
            int keep = anotherBelowLeast ? least : most;
            for (int index = 0; index < held.size() - keep; index++) {
                LOG.info("Releasing segment {} of {}: {} instances share {} segments", held.get(index),
                        processor.getKey(), instances, segments);
                processor.getValue().releaseSegment(held.get(index), period.multipliedBy(3).toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
    }
}
