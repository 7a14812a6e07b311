package no.ledger.api.config;

import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps Axon's shared event reader at the head of the stream while no processor of this instance follows it.
 *
 * <p>The embedded event store reads the stream once for all of an instance's processors and goes on from the last
 * event it read. When every processor stands still (stopped, or while other instances hold every segment) it stops
 * reading there; when they follow again, far ahead, it reads on from that old event and its cache keeps what it
 * reads: a million decisions recorded with the processors stopped filled a 512 MB heap within a minute of starting
 * them again. This instance therefore always has one follower of its own that takes each event as it comes and does
 * nothing with it, so the reader never stops and never falls behind.
 */
@Component
public class SharedEventReaderFollower implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(SharedEventReaderFollower.class);

    private final EmbeddedEventStore eventStore;
    private volatile boolean running;
    private Thread thread;

    public SharedEventReaderFollower(EmbeddedEventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = new Thread(this::follow, "shared-event-reader-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        while (running) {
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(eventStore.createHeadToken())) {
                while (running) {
                    if (stream.hasNextAvailable(1, TimeUnit.SECONDS)) {
                        stream.nextAvailable();
                    }
                }
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException failed) {
                // The database away for a moment, say: open the stream again at the head after a pause.
                LOG.warn("Following the event stream failed; following again in a second", failed);
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
