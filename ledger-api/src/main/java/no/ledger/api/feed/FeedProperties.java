package no.ledger.api.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.feed.*}: how the event feed follows the event store.
 *
 * @param pollInterval  how often this instance's one poller looks for newly committed events
 * @param gapTimeout    how long a hole in the global index is waited for before it counts as a rolled-back insert
 *                      that will never be filled (a transaction that holds a position longer is missed, as by Axon)
 * @param heartbeat     how long a stream may stay silent before it gets a comment, so that proxies keep it open
 * @param tailSize      how many of the newest events are kept in memory for the live subscribers
 * @param senderThreads threads that write to subscribers; none of Tomcat's request threads waits on a stream
 */
@ConfigurationProperties("ledger.feed")
public record FeedProperties(Duration pollInterval, Duration gapTimeout, Duration heartbeat, Integer tailSize,
                             Integer senderThreads) {

    public FeedProperties {
        pollInterval = pollInterval != null ? pollInterval : Duration.ofMillis(100);
        gapTimeout = gapTimeout != null ? gapTimeout : Duration.ofSeconds(5);
        heartbeat = heartbeat != null ? heartbeat : Duration.ofSeconds(15);
        tailSize = tailSize != null ? tailSize : 5000;
        senderThreads = senderThreads != null ? senderThreads : 4;
    }
}
