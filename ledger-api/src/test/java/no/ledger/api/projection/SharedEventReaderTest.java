package no.ledger.api.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.core.municipality.RecordPopulationCount;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Axon's shared event reader keeps up with the stream while every processor of the instance stands still, so that
 * it has no backlog to read into memory when they follow again ({@code SharedEventReaderFollower}).
 */
// A service of its own: the test stops every processor for a while.
@TestPropertySource(properties = "ledger.test.context=shared-event-reader")
class SharedEventReaderTest extends LedgerIntegrationTest {

    @Autowired
    private EmbeddedEventStore eventStore;
    @Autowired
    private ProjectionProgress progress;
    @Autowired
    private CommandGateway commands;

    @Test
    void theSharedReaderFollowsTheStreamWhileTheProcessorsStandStill() throws Exception {
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        progress.processors().values().forEach(StreamingEventProcessor::shutDown);
        try {
            for (int day = 0; day < 200; day++) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new RecordPopulationCount("4601",
                                290_000L + day, LocalDate.of(2021, 1, 1).plusDays(day), "count " + day))
                        .andMetaData(Map.of("recordedBy", "test")));
            }
            long head = progress.head();
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (newestReadBySharedReader() < head && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(newestReadBySharedReader()).as("the shared reader's newest event").isEqualTo(head);
        } finally {
            progress.processors().values().forEach(StreamingEventProcessor::start);
        }
        progress.awaitCaughtUp(Duration.ofSeconds(60));
    }

    /** The global index of the newest event Axon's shared reader holds; it keeps it in private fields (Axon 4.13). */
    private long newestReadBySharedReader() throws ReflectiveOperationException {
        Object producer = field(EmbeddedEventStore.class, "producer").get(eventStore);
        Object newest = field(producer.getClass(), "newest").get(producer);
        if (newest == null) {
            return -1;
        }
        TrackedEventMessage<?> event = (TrackedEventMessage<?>) field(newest.getClass(), "event").get(newest);
        return event.trackingToken().position().orElse(-1);
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        Field field = type.getDeclaredField(name);
        field.setAccessible(true);
        return field;
    }
}
