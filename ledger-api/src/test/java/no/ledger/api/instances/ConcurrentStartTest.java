package no.ledger.api.instances;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import no.ledger.api.referencedata.ReferenceDataLoader;
import no.ledger.api.support.LedgerClient;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Two instances that start at once on an empty database, as compose starts them, both load the reference data at
 * the same time: each item is recorded once, and neither start fails. Nor does a start fail when others recorded
 * some of the reference items first, in their own way.
 */
class ConcurrentStartTest {

    private static ReferenceDataLoader loaderOf(ConfigurableApplicationContext instance) {
        return new ReferenceDataLoader(instance.getBean(CommandGateway.class), instance.getBean(EventStore.class),
                instance.getBean(PlatformTransactionManager.class),
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

    private static Map<String, Integer> eventsByType(ConfigurableApplicationContext instance) {
        Map<String, Integer> eventsByType = new TreeMap<>();
        instance.getBean(JdbcTemplate.class).query("SELECT payload_type, COUNT(*) FROM domain_event_entry"
                + " GROUP BY payload_type", row -> {
                    String type = row.getString(1);
                    eventsByType.put(type.substring(type.lastIndexOf('.') + 1), row.getInt(2));
                });
        return eventsByType;
    }

    @Test
    void itemsThatCallersRecordedFirstCountAsDoneAndNoRefusalFailsTheLoader() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext instance = instances.start("racer", "--ledger.reference-data.enabled=false");
            LedgerClient caller = LedgerInstances.client(instance);
            // Oslo registered by hand, and Akson defined otherwise than the reference data: Nord only, and later.
            assertThat(caller.post("/api/municipalities", Map.of("number", "0301", "name", "Oslo kommune",
                    "county", "Oslo", "healthRegion", "SOR_OST")).status()).isEqualTo(201);
            assertThat(caller.post("/api/programmes", Map.of("id", "akson", "name", "Akson, as a caller defined it",
                    "scopeRegions", List.of("NORD"), "declarationDeadline", "2020-06-01", "definedOn", "2020-05-01",
                    "thresholds", Map.of("declaration", 0.5, "commitment", 0.55, "procurement", 0.85))).status())
                    .isEqualTo(201);

            loaderOf(instance).run(null);
            Map<String, Integer> afterFirstRun = eventsByType(instance);
            loaderOf(instance).run(null);

            assertThat(eventsByType(instance)).isEqualTo(afterFirstRun);
            assertThat(afterFirstRun).containsEntry("MunicipalityRegistered", 356)
                    .containsEntry("PopulationCounted", 356)
                    .containsEntry("ProgrammeDefined", 2);
            // Invitations that the caller's Akson refuses are left out; the others are recorded.
            assertThat(afterFirstRun.getOrDefault("MunicipalityInvited", 0)).isLessThan(291);
            LedgerInstances.progress(instance).awaitCaughtUp(Duration.ofSeconds(60));
            assertThat(caller.get("/api/municipalities/0301/history").body().path("events").toString())
                    .contains("Oslo kommune").contains("PopulationCounted");
        }
    }
}
