package no.ledger.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.junit.jupiter.api.Test;

class LingeringEventSourceTest {

    private static final Duration LINGER = Duration.ofMillis(20);
    private static final int FULL_BATCH = 5;

    private final Deque<TrackedEventMessage<?>> stored = new ArrayDeque<>();
    private final List<Long> pauses = new ArrayList<>();
    private long now;
    private final BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(new Store(), LINGER,
            FULL_BATCH, pauses::add, () -> now).openStream(null);
    private long position;

    @Test
    void aLoneDecisionIsFoldedAtOnce() throws InterruptedException {
        record(1);
        assertThat(takeBatch()).isEqualTo(1);
        record(1);
        assertThat(takeBatch()).isEqualTo(1);

        assertThat(pauses).isEmpty();
    }

    @Test
    void afterABatchOfSeveralDecisionsTheNextWaitsForMoreToJoinIt() throws InterruptedException {
        severalCallersRecord();
        assertThat(pauses).isEmpty();

        record(2);
        assertThat(takeBatch()).isEqualTo(2);
        assertThat(pauses).containsExactly(LINGER.toNanos());
    }

    @Test
    void theFirstDecisionAfterAQuietMomentIsFoldedAtOnce() throws InterruptedException {
        severalCallersRecord();
        now += LINGER.toNanos() * 5;

        record(1);
        assertThat(takeBatch()).isEqualTo(1);
        assertThat(pauses).isEmpty();
    }

    @Test
    void aProcessorCatchingUpDoesNotWait() throws InterruptedException {
        record(12);
        assertThat(takeBatch()).isEqualTo(FULL_BATCH);
        assertThat(takeBatch()).isEqualTo(FULL_BATCH);
        assertThat(takeBatch()).isEqualTo(2);

        assertThat(pauses).isEmpty();
    }

    @Test
    void aStreamWithNothingNewDoesNotWait() throws InterruptedException {
        record(3);
        takeBatch();

        assertThat(stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)).isFalse();
        assertThat(pauses).isEmpty();
    }

    /** A lone decision, then three at once: the processor's batch before the next is one of several. */
    private void severalCallersRecord() throws InterruptedException {
        record(1);
        takeBatch();
        record(3);
        takeBatch();
    }

    /**
     * As a tracking processor takes a batch: waits for the first event, then takes what is there, up to a full one;
     * a millisecond passes.
     */
    private int takeBatch() throws InterruptedException {
        now += 1_000_000;
        int taken = 0;
        if (stream.hasNextAvailable(0, TimeUnit.MILLISECONDS)) {
            stream.nextAvailable();
            taken++;
            while (taken < FULL_BATCH && stream.peek().isPresent()) {
                stream.nextAvailable();
                taken++;
            }
        }
        return taken;
    }

    private void record(int events) {
        for (int event = 0; event < events; event++) {
            stored.add(new GenericTrackedEventMessage<>(new GlobalSequenceTrackingToken(position++),
                    GenericEventMessage.asEventMessage("decision " + position)));
        }
    }

    /** The events recorded and not yet taken, as one stream. */
    private final class Store implements StreamableMessageSource<TrackedEventMessage<?>> {

        @Override
        public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
            return new BlockingStream<>() {
                @Override
                public Optional<TrackedEventMessage<?>> peek() {
                    return Optional.ofNullable(stored.peek());
                }

                @Override
                public boolean hasNextAvailable(int timeout, TimeUnit unit) {
                    return !stored.isEmpty();
                }

                @Override
                public TrackedEventMessage<?> nextAvailable() {
                    return stored.remove();
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
