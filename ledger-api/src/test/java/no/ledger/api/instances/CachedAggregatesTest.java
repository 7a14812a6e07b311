package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import no.ledger.api.support.LedgerClient;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Each instance keeps the aggregates its commands left in memory, but never judges a decision on one that another
 * instance has moved on since: each records a decision that only the other's last decision allows, as if neither
 * had a cache, and a decision that breaks a rule is refused by it.
 */
class CachedAggregatesTest {

    @Test
    void aDecisionRecordedByAnotherInstanceIsSeenByTheNext() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("cache-a");
            // Caught up while it holds every segment: once the second shares them, neither holds them all.
            LedgerInstances.progress(first).awaitCaughtUp(Duration.ofSeconds(60));
            ConfigurableApplicationContext second = instances.start("cache-b");
            LedgerClient a = client(first);
            LedgerClient b = client(second);
            String participant = "/api/programmes/akson/participants/4601";

            // The first instance leaves Bergen's participation in its cache, the second moves it on.
            assertThat(a.post(participant + "/extension", Map.of("grantedOn", "2020-06-20", "newDeadline",
                    "2020-07-07", "reason", "bystyret møtes 6. juli")).status()).isEqualTo(201);
            assertThat(b.post(participant + "/declaration", Map.of("signedOn", "2020-06-25",
                    "decisionReference", "BY 7/20", "signatory", "ordfører")).status()).isEqualTo(201);

            // On a stale aggregate, each would refuse what follows (no declaration to withdraw; signed already).
            assertThat(a.post(participant + "/declaration/withdrawal", Map.of("withdrawnOn", "2020-07-02",
                    "reason", "nytt vedtak")).status()).isEqualTo(201);
            assertThat(b.post(participant + "/declaration", Map.of("signedOn", "2020-07-05",
                    "decisionReference", "BY 8/20", "signatory", "ordfører")).status()).isEqualTo(201);
            // And a decision that breaks a rule is still refused by it.
            assertThat(a.post(participant + "/declaration", Map.of("signedOn", "2020-07-06",
                    "decisionReference", "BY 9/20", "signatory", "ordfører")).body().path("rule").asText())
                    .isEqualTo("sign-once");
        }
    }
}
