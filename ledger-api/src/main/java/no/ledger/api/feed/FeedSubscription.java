package no.ledger.api.feed;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyEmitter;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's stream: sends the events after its position up to the horizon, from the store while it catches up and
 * from memory once live, each event as the SSE frame made once for every subscriber; a live subscriber that wants
 * every event is sent the latest poll's frames, one array shared by all such, in one write. Only one sender works on
 * a subscription at a time (the {@code sending} flag), so its events go out in order; a wake-up while it sends makes
 * it look again before it stops.
 */
final class FeedSubscription {

    /** Events read from the store at a time while catching up. */
    private static final int CATCH_UP_BATCH = 500;

    /** Frames are written to the client in chunks of about this many bytes, each chunk one flush. */
    private static final int CHUNK = 64 * 1024;

    private static final byte[] GREETING = "retry: 1000\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] HEARTBEAT = ": heartbeat\n\n".getBytes(StandardCharsets.UTF_8);

    private static final MediaType UTF8_TEXT = new MediaType("text", "plain", StandardCharsets.UTF_8);

    private final SseEmitter emitter;
    private final FeedFilter filter;
    private final FeedHorizon horizon;
    private final StoredEvents store;
    private final Executor senders;
    private final Runnable onClose;
    private final AtomicBoolean sending = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** Every event up to this position was sent or filtered out. */
    private volatile long position;
    private volatile boolean heartbeatDue;
    private volatile long lastWriteNanos = System.nanoTime();
    private boolean greeted;

    FeedSubscription(SseEmitter emitter, long after, FeedFilter filter, FeedHorizon horizon, StoredEvents store,
                     Executor senders, Runnable onClose) {
        this.emitter = emitter;
        this.position = after;
        this.filter = filter;
        this.horizon = horizon;
        this.store = store;
        this.senders = senders;
        this.onClose = onClose;
    }

    long position() {
        return position;
    }

    long lastWriteNanos() {
        return lastWriteNanos;
    }

    void heartbeat() {
        heartbeatDue = true;
        wake();
    }

    /** Schedules a send unless one is under way (that one looks again before it stops). */
    void wake() {
        if (!closed.get() && sending.compareAndSet(false, true)) {
            try {
                senders.execute(this::send);
            } catch (RuntimeException rejected) {
                sending.set(false);
                close();
            }
        }
    }

    private void send() {
        try {
            Frames frames = new Frames();
            if (!greeted) {
                // A first write answers at once (curl shows the stream is open) and tells EventSource how soon to
                // reconnect.
                frames.add(GREETING);
                greeted = true;
            }
            long target;
            while (!closed.get() && (target = horizon.horizon()) > position) {
                long reached = target;
                // Live and wanting every event, as most subscribers are: the poll's frames, shared by all of them.
                byte[] shared = filter.isEverything() ? horizon.sharedFrames(position, target) : null;
                if (shared != null) {
                    frames.add(shared);
                } else {
                    List<FeedEvent> events = horizon.fromTail(position, target);
                    if (events == null) {
                        events = store.read(position, target, filter, CATCH_UP_BATCH);
                        reached = events.size() < CATCH_UP_BATCH ? target : events.get(events.size() - 1).position();
                    } else if (!filter.isEverything()) {
                        events = events.stream().filter(filter::test).toList();
                    }
                    for (FeedEvent event : events) {
                        frames.add(event.sseFrame());
                        if (frames.size() >= CHUNK) {
                            write(frames);
                        }
                    }
                }
                write(frames);
                position = reached;
            }
            if (heartbeatDue && frames.isEmpty()) {
                frames.add(HEARTBEAT);
            }
            heartbeatDue = false;
            write(frames);
        } catch (IOException | RuntimeException gone) {
            // The client went away, or the store failed: the client reconnects with its Last-Event-ID.
            close();
        } finally {
            sending.set(false);
        }
        if (!closed.get() && horizon.horizon() > position) {
            wake();
        }
    }

    /** One write and one flush for all the frames gathered; a single array (the shared frames) goes as it is. */
    private void write(Frames frames) throws IOException {
        if (frames.isEmpty()) {
            return;
        }
        emitter.send(Set.of(new ResponseBodyEmitter.DataWithMediaType(frames.take(), UTF8_TEXT)));
        lastWriteNanos = System.nanoTime();
    }

    /** Frames waiting to be written, kept as the arrays they are until written. */
    private static final class Frames {

        private final List<byte[]> pieces = new ArrayList<>();
        private int size;

        void add(byte[] frame) {
            pieces.add(frame);
            size += frame.length;
        }

        int size() {
            return size;
        }

        boolean isEmpty() {
            return pieces.isEmpty();
        }

        /** The frames as one array, and none left. */
        byte[] take() {
            byte[] all = pieces.size() == 1 ? pieces.get(0) : new byte[size];
            if (pieces.size() > 1) {
                int offset = 0;
                for (byte[] piece : pieces) {
                    System.arraycopy(piece, 0, all, offset, piece.length);
                    offset += piece.length;
                }
            }
            pieces.clear();
            size = 0;
            return all;
        }
    }

    void close() {
        if (closed.compareAndSet(false, true)) {
            onClose.run();
            try {
                emitter.complete();
            } catch (RuntimeException alreadyGone) {
                // nothing left to complete
            }
        }
    }
}
