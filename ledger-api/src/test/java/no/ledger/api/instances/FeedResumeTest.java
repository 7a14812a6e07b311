package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.ledger.api.feed.FeedHorizon;
import no.ledger.api.support.EventStream;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Another system follows the ledger's stream on one instance while decisions are recorded on the other; its
 * connection is dropped, and it reconnects to the other instance with the {@code Last-Event-ID} it last saw: it gets
 * every event exactly once, in the global order, and the ones recorded elsewhere within about a second.
 */
class FeedResumeTest {

    private static final Logger LOG = LoggerFactory.getLogger(FeedResumeTest.class);
    private static final Duration SOON = Duration.ofSeconds(10);

    @Test
    void aStreamResumedByLastEventIdOnAnotherInstanceMissesNothingAndDoublesNothing() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("feed-a");
            ConfigurableApplicationContext second = instances.start("feed-b");
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            long start = jdbc.queryForObject("SELECT MAX(global_index) FROM domain_event_entry", Long.class);
            LedgerInstances.await("both feeds at the head", SOON, () ->
                    first.getBean(FeedHorizon.class).horizon() >= start
                            && second.getBean(FeedHorizon.class).horizon() >= start);
            LedgerClient writer = client(second);
            LedgerClient subscriberOfA = client(first).as(TestUsers.SUBSCRIBER);
            LedgerClient subscriberOfB = client(second).as(TestUsers.SUBSCRIBER);
            List<EventStream.Received> received = new ArrayList<>();

            try (EventStream stream = EventStream.open(subscriberOfA.request("/api/events/stream?after=" + start))) {
                for (int round = 0; round < 3; round++) {
                    long sent = System.nanoTime();
                    record(writer, "0301", round);
                    long recorded = System.nanoTime();
                    received.addAll(stream.take(1, SOON));
                    LOG.info("Recorded on one instance in {} ms, streamed by the other {} ms after the 201",
                            (recorded - sent) / 1_000_000, (System.nanoTime() - recorded) / 1_000_000);
                }
                for (int round = 3; round < 6; round++) {
                    record(writer, "0301", round);
                }
                received.addAll(stream.take(1, SOON));
            }
            // Recorded while the subscriber is away.
            for (int round = 6; round < 9; round++) {
                record(writer, "0301", round);
            }
            long lastSeen = received.get(received.size() - 1).id();
            try (EventStream resumed = EventStream.open(subscriberOfB.request("/api/events/stream?after=" + start)
                    .header("Last-Event-ID", String.valueOf(lastSeen)))) {
                List<Long> stored = jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE"
                        + " global_index > ? ORDER BY global_index", Long.class, start);
                received.addAll(resumed.take(stored.size() - received.size(), SOON));
                assertThat(received).extracting(EventStream.Received::id).isEqualTo(stored);
                assertThat(resumed.next(Duration.ofMillis(300))).as("nothing twice").isNull();
            }
        }
    }

    /** Each round a population count of its own: one event, whichever instance records it. */
    private static void record(LedgerClient writer, String number, int round) {
        LedgerClient.Answer answer = writer.post("/api/municipalities/" + number + "/population",
                Map.of("population", 700_000 + round, "countedOn", "2021-0" + (1 + round) + "-01"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
    }
}
