package no.ledger.api.feed;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.AxonThreadFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * This instance's streams: each is woken when the horizon moves on and sends on a small pool of its own, so that no
 * request thread waits on a client; a stream silent for {@code ledger.feed.heartbeat} gets a comment.
 */
@Component
public class FeedSubscriptions implements SmartLifecycle {

    private final FeedHorizon horizon;
    private final StoredEvents store;
    private final FeedProperties properties;
    private final Set<FeedSubscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final ExecutorService senders;
    private ScheduledExecutorService heartbeats;
    private volatile boolean running;

    public FeedSubscriptions(FeedHorizon horizon, StoredEvents store, FeedProperties properties) {
        this.horizon = horizon;
        this.store = store;
        this.properties = properties;
        this.senders = Executors.newFixedThreadPool(properties.senderThreads(), new AxonThreadFactory("feed-sender"));
        horizon.onAdvance(() -> subscriptions.forEach(FeedSubscription::wake));
    }

    /** A stream of the events after the position that the filter lets through; it starts sending at once. */
    public SseEmitter subscribe(long after, FeedFilter filter) {
        // No timeout: the heartbeats find out when a client has gone.
        SseEmitter emitter = new SseEmitter(0L);
        FeedSubscription[] self = new FeedSubscription[1];
        FeedSubscription subscription = new FeedSubscription(emitter, after, filter, horizon, store, senders,
                () -> remove(self[0]));
        self[0] = subscription;
        emitter.onCompletion(subscription::close);
        emitter.onTimeout(subscription::close);
        emitter.onError(failure -> subscription.close());
        subscriptions.add(subscription);
        horizon.keepTail(true);
        subscription.wake();
        return emitter;
    }

    /** Streams open on this instance. */
    public int count() {
        return subscriptions.size();
    }

    private void remove(FeedSubscription subscription) {
        subscriptions.remove(subscription);
        if (subscriptions.isEmpty()) {
            horizon.keepTail(false);
        }
    }

    private void heartbeatSilentOnes() {
        long silence = properties.heartbeat().toNanos();
        long now = System.nanoTime();
        subscriptions.stream().filter(subscription -> now - subscription.lastWriteNanos() >= silence)
                .forEach(FeedSubscription::heartbeat);
    }

    @Override
    public void start() {
        heartbeats = Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("feed-heartbeat"));
        long check = Math.max(10, properties.heartbeat().toMillis() / 10);
        heartbeats.scheduleWithFixedDelay(this::heartbeatSilentOnes, check, check, TimeUnit.MILLISECONDS);
        running = true;
    }

    /** Ends every stream before the web server stops, so that shutdown does not wait on open connections. */
    @Override
    public void stop() {
        running = false;
        heartbeats.shutdownNow();
        subscriptions.forEach(FeedSubscription::close);
        senders.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stops before the web server's graceful shutdown (phase DEFAULT_PHASE - 1024), which would wait on the streams.
        return SmartLifecycle.DEFAULT_PHASE - 512;
    }
}
