package no.ledger.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The memory the live subscribers are sent from: it keeps the newest {@code tail-size} events, not only the latest
 * poll's, so that a subscriber a few polls behind costs no query and no JSON of its own.
 */
class FeedHorizonTest {

    private final EventsInMemory store = new EventsInMemory();
    private final FeedHorizon horizon = new FeedHorizon(store, new FeedProperties(Duration.ofHours(1),
            Duration.ofSeconds(5), Duration.ofSeconds(15), 25, 1));

    @AfterEach
    void stop() {
        horizon.stop();
    }

    @Test
    void theTailKeepsTheNewestEventsAcrossPolls() {
        store.record(10);
        horizon.start();
        horizon.keepTail(true);
        for (int poll = 0; poll < 3; poll++) {
            store.record(10);
            horizon.poll();
        }
        assertThat(horizon.horizon()).isEqualTo(40);
        int readsSoFar = store.eventsRead.get();

        assertThat(horizon.fromTail(20, 40)).extracting(FeedEvent::position)
                .containsExactlyElementsOf(LongStream.rangeClosed(21, 40).boxed().toList());
        assertThat(horizon.fromTail(14, 40)).as("older than the 25 kept").isNull();
        assertThat(horizon.fromTail(15, 40)).hasSize(25);
        assertThat(store.eventsRead.get()).as("no event read again").isEqualTo(readsSoFar);
    }

    @Test
    void theLatestPollsFramesAreOneArrayForEverySubscriberThatWasThere() {
        store.record(10);
        horizon.start();
        horizon.keepTail(true);
        store.record(5);
        horizon.poll();
        store.record(3);
        horizon.poll();

        byte[] shared = horizon.sharedFrames(15, 18);
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        horizon.fromTail(15, 18).forEach(event -> expected.writeBytes(event.sseFrame()));
        assertThat(shared).isEqualTo(expected.toByteArray());
        assertThat(new String(shared, StandardCharsets.UTF_8))
                .startsWith("id: 16\ndata: {\"position\":16}\n\n").endsWith("id: 18\ndata: {\"position\":18}\n\n");
        assertThat(horizon.sharedFrames(15, 18)).isSameAs(shared);
        assertThat(horizon.sharedFrames(10, 18)).as("a subscriber a poll behind assembles its own").isNull();
    }

    @Test
    void moreNewEventsThanTheTailHoldsStartItAfresh() {
        store.record(10);
        horizon.start();
        horizon.keepTail(true);
        store.record(5);
        horizon.poll();
        store.record(100);
        horizon.poll();

        assertThat(horizon.fromTail(90, 115)).hasSize(25);
        assertThat(horizon.fromTail(89, 115)).isNull();
        assertThat(horizon.fromTail(15, 115)).as("a hole in memory is not sent as if it were all").isNull();
        assertThat(horizon.sharedFrames(15, 115)).isNull();
    }

    /** Events at positions 1, 2, 3 … with no holes, whose JSON names their position; counts the events read. */
    private static final class EventsInMemory extends StoredEvents {

        private final List<Long> positions = new ArrayList<>();
        private final AtomicInteger eventsRead = new AtomicInteger();

        EventsInMemory() {
            super(null);
        }

        synchronized void record(int count) {
            for (int index = 0; index < count; index++) {
                positions.add((long) positions.size() + 1);
            }
        }

        @Override
        public synchronized List<FeedEvent> read(long after, long upTo, FeedFilter filter, int limit) {
            List<FeedEvent> events = positions.stream().filter(position -> position > after && position <= upTo)
                    .limit(limit).map(position -> new FeedEvent(position, "company:c" + position,
                            "no.ledger.core.company.CompanyFounded", "{\"position\":" + position + "}")).toList();
            eventsRead.addAndGet(events.size());
            return events;
        }

        @Override
        synchronized List<Long> positionsAfter(long after, int limit) {
            return positions.stream().filter(position -> position > after).limit(limit).toList();
        }

        @Override
        synchronized List<RecordedPosition> newest(int count) {
            Instant recorded = Instant.now().minusSeconds(60);
            List<RecordedPosition> newest = new ArrayList<>();
            for (int index = positions.size() - 1; index >= 0 && newest.size() < count; index--) {
                newest.add(new RecordedPosition(positions.get(index), recorded));
            }
            return newest;
        }
    }
}
