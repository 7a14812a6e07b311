package no.ledger.api.feed;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.AxonThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * How far the feed may go: the highest position of the global index below which no event can still appear.
 *
 * <p>Positions are handed out when a transaction inserts, but become visible when it commits, so position 10 may
 * become visible after 11. This instance's one poller reads the positions newer than it knows (and those of the holes
 * it waits for) every {@code ledger.feed.poll-interval}, and keeps each hole with the moment it first saw it. The
 * horizon is the position just below the oldest hole still awaited, or the newest position when there is none. A hole
 * still empty after {@code ledger.feed.gap-timeout} is taken for a rolled-back insert (PostgreSQL's identity columns,
 * like H2's, do not give a number back) and no longer waited for, as Axon's gap-aware tokens do.
 *
 * <p>For the live subscribers, the events up to the horizon that were recorded lately are kept in memory
 * ({@code ledger.feed.tail-size} of them), read once a poll, whatever the number of subscribers; so are the SSE frames
 * of the events that the latest poll made safe, one array that every subscriber wanting every event is sent as is.
 */
@Component
@EnableConfigurationProperties(FeedProperties.class)
public class FeedHorizon implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(FeedHorizon.class);

    /** Positions read a query; more are read in further queries of the same poll. */
    private static final int POSITIONS_A_QUERY = 10_000;

    /** A hole wider than this is not a transaction in flight (an identity restarted higher, say): not waited for. */
    private static final int WIDEST_GAP_AWAITED = 10_000;

    private final StoredEvents store;
    private final FeedProperties properties;
    private final List<Runnable> onAdvance = new CopyOnWriteArrayList<>();

    // The poller's own state: only its thread touches it once started.
    private long highestSeen;
    private final TreeMap<Long, Long> gapsSeenAtNanos = new TreeMap<>();

    private volatile long horizon;
    private volatile boolean keepTail;
    /** The tail holds every event after tailFrom up to the horizon. */
    private volatile long tailFrom;
    private final ConcurrentSkipListMap<Long, FeedEvent> tail = new ConcurrentSkipListMap<>();
    /** Written before the horizon moves, so that a reader who saw the horizon sees these frames or newer ones. */
    private volatile SharedFrames latest;

    private ScheduledExecutorService poller;
    private volatile boolean running;

    public FeedHorizon(StoredEvents store, FeedProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    /** The highest position up to which every event is committed or will never be. */
    public long horizon() {
        return horizon;
    }

    /** Holes in the global index below the newest position that are still awaited (for tests and operators). */
    public synchronized int gapsAwaited() {
        return gapsSeenAtNanos.size();
    }

    /** Runs on the poller's thread each time the horizon moves on; it must not block. */
    void onAdvance(Runnable listener) {
        onAdvance.add(listener);
    }

    /** Whether to keep the newest events in memory: only worth it while someone streams. */
    void keepTail(boolean keep) {
        keepTail = keep;
    }

    /**
     * The events after a position up to another from memory, or null when memory does not reach back that far and
     * the store must be read.
     */
    List<FeedEvent> fromTail(long after, long upTo) {
        if (after < tailFrom) {
            return null;
        }
        List<FeedEvent> events = new ArrayList<>(tail.subMap(after, false, upTo, true).values());
        // The poller may have dropped older events meanwhile; then what was read may miss some.
        return after < tailFrom ? null : events;
    }

    /**
     * The SSE frames of every event after one position up to another, as one array for all the subscribers that want
     * every event: those the latest poll made safe, or null when that is not the span asked for. Not to be changed.
     */
    byte[] sharedFrames(long after, long upTo) {
        SharedFrames shared = latest;
        return shared != null && shared.after() == after && shared.upTo() == upTo ? shared.frames() : null;
    }

    /** The frames of the events after one position up to another, one after the other. */
    private record SharedFrames(long after, long upTo, byte[] frames) {
    }

    @Override
    public synchronized void start() {
        initialise();
        poller = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("feed-poller"));
        long interval = properties.pollInterval().toMillis();
        poller.scheduleWithFixedDelay(this::pollQuietly, interval, interval, TimeUnit.MILLISECONDS);
        running = true;
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (poller != null) {
            poller.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Holes among the newest events may be transactions still in flight. They are awaited as if seen when the event
     * after them was recorded, so that a restart waits only for the young ones.
     */
    private void initialise() {
        List<StoredEvents.RecordedPosition> newest = store.newest(1000);
        long now = System.nanoTime();
        Instant wallNow = Instant.now();
        highestSeen = newest.isEmpty() ? 0 : newest.get(0).position();
        for (int index = 0; index + 1 < newest.size(); index++) {
            StoredEvents.RecordedPosition above = newest.get(index);
            long below = newest.get(index + 1).position();
            long age = Math.max(0, Duration.between(above.recordedAt(), wallNow).toNanos());
            for (long gap = below + 1; gap < above.position() && above.position() - below <= WIDEST_GAP_AWAITED;
                 gap++) {
                gapsSeenAtNanos.put(gap, now - age);
            }
        }
        expireGaps(now);
        horizon = safePosition();
        tailFrom = horizon;
    }

    private void pollQuietly() {
        try {
            poll();
        } catch (RuntimeException failure) {
            LOG.warn("The event feed could not read the event store; trying again: {}", failure.toString());
        }
    }

    /** One look at the store: new positions and filled holes, then the horizon and the tail. */
    synchronized void poll() {
        long now = System.nanoTime();
        long from = gapsSeenAtNanos.isEmpty() ? highestSeen : gapsSeenAtNanos.firstKey() - 1;
        List<Long> positions;
        do {
            positions = store.positionsAfter(from, POSITIONS_A_QUERY);
            for (long position : positions) {
                if (position > highestSeen) {
                    if (position - highestSeen <= WIDEST_GAP_AWAITED) {
                        for (long gap = highestSeen + 1; gap < position; gap++) {
                            gapsSeenAtNanos.put(gap, now);
                        }
                    }
                    highestSeen = position;
                } else {
                    gapsSeenAtNanos.remove(position);
                }
                from = position;
            }
        } while (positions.size() == POSITIONS_A_QUERY);
        expireGaps(now);
        long safe = safePosition();
        if (safe > horizon) {
            latest = extendTail(horizon, safe);
            horizon = safe;
            onAdvance.forEach(Runnable::run);
        }
    }

    private void expireGaps(long now) {
        long timeout = properties.gapTimeout().toNanos();
        for (Iterator<Map.Entry<Long, Long>> gaps = gapsSeenAtNanos.entrySet().iterator(); gaps.hasNext(); ) {
            Map.Entry<Long, Long> gap = gaps.next();
            if (now - gap.getValue() > timeout) {
                LOG.debug("Position {} stayed empty for {}: taken for a rolled-back insert", gap.getKey(),
                        properties.gapTimeout());
                gaps.remove();
            }
        }
    }

    private long safePosition() {
        return gapsSeenAtNanos.isEmpty() ? highestSeen : gapsSeenAtNanos.firstKey() - 1;
    }

    /** Reads the events newly safe into the tail; their frames together, when the tail holds all of them. */
    private SharedFrames extendTail(long from, long upTo) {
        if (!keepTail) {
            tailFrom = upTo;
            tail.clear();
            return null;
        }
        long readFrom = Math.max(from, upTo - properties.tailSize());
        if (readFrom > from) {
            // More new events than the tail holds: it starts afresh, where the events read start.
            dropTailUpTo(readFrom);
        }
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (FeedEvent event : store.read(readFrom, upTo, FeedFilter.EVERYTHING, properties.tailSize())) {
            tail.put(event.position(), event);
            frames.writeBytes(event.sseFrame());
        }
        // The oldest go, so that a subscriber a few polls behind is still sent from memory, not from the store.
        int excess = tail.size() - properties.tailSize();
        if (excess > 0) {
            Iterator<Long> positions = tail.keySet().iterator();
            long newestDropped = positions.next();
            for (int dropped = 1; dropped < excess; dropped++) {
                newestDropped = positions.next();
            }
            dropTailUpTo(newestDropped);
        }
        return readFrom == from ? new SharedFrames(from, upTo, frames.toByteArray()) : null;
    }

    /** Readers check tailFrom again after reading, so it moves before the events go. */
    private void dropTailUpTo(long position) {
        tailFrom = position;
        tail.headMap(position, true).clear();
    }
}
