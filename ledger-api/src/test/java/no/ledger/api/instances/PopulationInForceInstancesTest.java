package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.await;
import static no.ledger.api.instances.LedgerInstances.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import no.ledger.api.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each instance holds the population timeline in memory, yet answers with a population as soon as the read models
 * hold it, whichever instance's processor folded it in: a count recorded through one instance, and then its
 * retraction, show in the coverage and participants of both.
 */
class PopulationInForceInstancesTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String BERGEN = "4601";
    private static final long BERGEN_2020 = 283_929;

    private static long bergenInCoverage(LedgerClient instance) {
        return instance.get("/api/programmes/akson/coverage?asOf=2022-06-01").body().path("byRegion").path("VEST")
                .path("scope").path("population").asLong();
    }

    private static long bergenAsParticipant(LedgerClient instance) {
        return instance.get("/api/programmes/akson/participants/" + BERGEN + "?asOf=2022-06-01").body()
                .path("population").asLong();
    }

    @Test
    void aCountRecordedThroughOneInstanceShowsInTheAnswersOfBoth() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("population-a");
            // Caught up while it holds every segment: once the second shares them, neither holds them all.
            LedgerInstances.progress(first).awaitCaughtUp(PATIENCE);
            ConfigurableApplicationContext second = instances.start("population-b");
            LedgerClient a = client(first);
            LedgerClient b = client(second);
            assertThat(bergenAsParticipant(a)).isEqualTo(BERGEN_2020);
            assertThat(bergenAsParticipant(b)).isEqualTo(BERGEN_2020);
            long vestBefore = bergenInCoverage(a);
            assertThat(bergenInCoverage(b)).isEqualTo(vestBefore);

            LedgerClient.Answer counted = a.post("/api/municipalities/" + BERGEN + "/population",
                    Map.of("population", BERGEN_2020 + 1_000, "countedOn", "2022-01-01"));
            assertThat(counted.status()).isEqualTo(201);
            await("the new count in the answers of both instances", PATIENCE, () ->
                    bergenAsParticipant(a) == BERGEN_2020 + 1_000 && bergenAsParticipant(b) == BERGEN_2020 + 1_000);
            assertThat(bergenInCoverage(a)).isEqualTo(vestBefore + 1_000);
            assertThat(bergenInCoverage(b)).isEqualTo(vestBefore + 1_000);

            String eventId = counted.body().path("eventIds").path(0).asText();
            assertThat(b.post("/api/events/" + eventId + "/retraction",
                    Map.of("reason", "feil telling", "retractedOn", "2022-02-01")).status()).isEqualTo(201);
            await("the retraction in the answers of both instances", PATIENCE, () ->
                    bergenAsParticipant(a) == BERGEN_2020 && bergenAsParticipant(b) == BERGEN_2020);
            assertThat(bergenInCoverage(a)).isEqualTo(vestBefore);
            assertThat(bergenInCoverage(b)).isEqualTo(vestBefore);
        }
    }
}
