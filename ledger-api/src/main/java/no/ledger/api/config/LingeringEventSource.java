package no.ledger.api.config;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event store as the read models' processors read it: when decisions come in from several callers at once, a
 * processor that has caught up with them waits a few milliseconds after the first new event before it takes its
 * batch, so that the decisions recorded meanwhile go into the same batch. A tracking processor otherwise folds each
 * decision in a transaction of its own as soon as it is committed: under load, each decision then cost every
 * processor a transaction, a token write and a wake-up of each of its segments, more than its own recording did.
 *
 * <p>"Several callers at once" is read off the batch before: more than one event, but not a full batch, begun less
 * than five lingers ago. A lone decision, or the first after a quiet moment, is folded at once (so a caller who
 * records and then reads waits no longer than before), and a processor catching up (its last batch full) does not
 * wait either: the events are there already. Under load, the read models thus follow recording at most
 * {@code linger} later than they would; the wait holds no lock and no connection.
 */
public final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** How a processor's thread waits: sleeping, but for tests. */
    @FunctionalInterface
    interface Pause {
        void nanos(long nanos) throws InterruptedException;
    }

    private final StreamableMessageSource<TrackedEventMessage<?>> eventStore;
    private final long lingerNanos;
    private final int fullBatch;
    private final Pause pause;
    private final LongSupplier clock;
    /** How long ago the batch before may have begun for a processor to count as busy: a few lingers. */
    private final long recentNanos;

    /**
     * @param linger    how long to wait after the first event of a batch, once caught up; zero never waits
     * @param fullBatch the processors' batch size: a batch this large means the processor is catching up
     */
    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, Duration linger,
                                int fullBatch) {
        this(eventStore, linger, fullBatch, TimeUnit.NANOSECONDS::sleep, System::nanoTime);
    }

    LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> eventStore, Duration linger, int fullBatch,
                         Pause pause, LongSupplier clock) {
        this.eventStore = eventStore;
        this.lingerNanos = linger.toNanos();
        this.fullBatch = fullBatch;
        this.pause = pause;
        this.clock = clock;
        this.recentNanos = 5 * lingerNanos;
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(trackingToken);
        return lingerNanos <= 0 ? stream : new LingeringStream(stream);
    }

    @Override
    public TrackingToken createTailToken() {
        return eventStore.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return eventStore.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return eventStore.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return eventStore.createTokenSince(duration);
    }

    /**
     * A processor's stream. A tracking processor starts each batch with {@link #hasNextAvailable(int, TimeUnit)}, then
     * takes what {@link #peek()} shows available: the wait goes between the two, when the batch before was not full.
     */
    private final class LingeringStream implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> events;
        /** Events taken since the last wait for the next one: the size of the batch before. */
        private int takenSinceWait = Integer.MAX_VALUE;
        /** When the batch before began. */
        private long lastBatchNanos = Long.MIN_VALUE / 2;

        LingeringStream(BlockingStream<TrackedEventMessage<?>> events) {
            this.events = events;
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!events.hasNextAvailable(timeout, unit)) {
                return false;
            }
            // Several events in the batch before, a moment ago, but not a full batch: decisions are coming in from
            // several callers.
            long now = clock.getAsLong();
            boolean busy = takenSinceWait >= 2 && takenSinceWait < fullBatch && now - lastBatchNanos < recentNanos;
            takenSinceWait = 0;
            lastBatchNanos = now;
            if (busy) {
                pause.nanos(lingerNanos);
            }
            return true;
        }

        @Override
        public boolean hasNextAvailable() {
            return events.hasNextAvailable();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = events.nextAvailable();
            takenSinceWait++;
            return next;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return events.peek();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            events.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return events.setOnAvailableCallback(callback);
        }

        @Override
        public void close() {
            events.close();
        }
    }
}
