package no.ledger.api.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import no.ledger.api.referencedata.ReferenceDataLoader;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances that start at once on an empty database, as compose starts them, both load the reference data at
 * the same time: each item is recorded once, and neither start fails.
 */
class ConcurrentStartTest {

    private static ReferenceDataLoader loaderOf(ConfigurableApplicationContext instance) {
        return new ReferenceDataLoader(instance.getBean(CommandGateway.class), instance.getBean(EventStore.class),
                new ClassPathResource("reference-data/kommuner_2020.csv"));
    }

    @Test
    void theReferenceDataLoadedByTwoInstancesAtOnceIsRecordedOnce() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            // Separate JVMs in production; here the contexts start one after the other and race where it matters.
            ConfigurableApplicationContext first = instances.start("starter-a", "--ledger.reference-data.enabled=false");
            ConfigurableApplicationContext second = instances.start("starter-b", "--ledger.reference-data.enabled=false");
            ReferenceDataLoader viaFirst = loaderOf(first);
            ReferenceDataLoader viaSecond = loaderOf(second);

            CompletableFuture.allOf(CompletableFuture.runAsync(() -> viaFirst.run(null)),
                    CompletableFuture.runAsync(() -> viaSecond.run(null))).get();

            Map<String, Integer> eventsByType = new TreeMap<>();
            first.getBean(JdbcTemplate.class).query("SELECT payload_type, COUNT(*) FROM domain_event_entry"
                    + " GROUP BY payload_type", row -> {
                        String type = row.getString(1);
                        eventsByType.put(type.substring(type.lastIndexOf('.') + 1), row.getInt(2));
                    });
            assertThat(eventsByType).containsExactlyInAnyOrderEntriesOf(Map.of("MunicipalityRegistered", 356,
                    "PopulationCounted", 356, "ProgrammeDefined", 2, "MunicipalityInvited", 291));
        }
    }
}
