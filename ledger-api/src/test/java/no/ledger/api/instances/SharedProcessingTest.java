package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.await;
import static no.ledger.api.instances.LedgerInstances.client;
import static no.ledger.api.instances.LedgerInstances.segmentsHeld;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.ledger.api.support.LedgerClient;
import no.ledger.projections.ProcessingGroups;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two instances over one database share the read models' work: the segments of each processor are divided
 * between them, decisions sent to either appear in the read models of both, and when one stops the other takes
 * its segments over and catches up.
 */
class SharedProcessingTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int SEGMENTS = 4;

    private static int declarations(LedgerClient instance) {
        return instance.get("/api/programmes/akson/coverage?asOf=2020-07-01").body().path("declarations")
                .path("municipalities").asInt();
    }

    private static void sign(LedgerClient instance, String number) {
        assertThat(instance.post("/api/programmes/akson/participants/" + number + "/declaration", Map.of(
                "signedOn", "2020-06-15", "decisionReference", "PS " + number, "signatory", "ordfører"))
                .status()).isEqualTo(201);
    }

    @Test
    void twoInstancesShareTheSegmentsAndOneTakesOverWhenTheOtherStops() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("instance-a");
            LedgerInstances.progress(first).awaitCaughtUp(PATIENCE);
            ConfigurableApplicationContext second = instances.start("instance-b");

            for (String processor : ProcessingGroups.ALL) {
                await(processor + " divided between the instances", PATIENCE, () ->
                        segmentsHeld(first, processor) == SEGMENTS / 2
                                && segmentsHeld(second, processor) == SEGMENTS / 2);
            }

            LedgerClient a = client(first);
            LedgerClient b = client(second);
            List<String> signers = List.of("0301", "4601", "1103", "5401", "1804", "3005");
            for (int index = 0; index < signers.size(); index++) {
                sign(index % 2 == 0 ? a : b, signers.get(index));
            }
            await("every signature in the read models of both instances", PATIENCE, () ->
                    declarations(a) == signers.size() && declarations(b) == signers.size());
            assertThat(a.get("/api/municipalities/4601/history").body().path("events").toString())
                    .isEqualTo(b.get("/api/municipalities/4601/history").body().path("events").toString())
                    .contains("DeclarationSigned");

            second.close();

            for (String processor : ProcessingGroups.ALL) {
                await(processor + " taken over by the instance left", PATIENCE, () ->
                        segmentsHeld(first, processor) == SEGMENTS);
            }
            sign(a, "4204");
            LedgerInstances.progress(first).awaitCaughtUp(PATIENCE);
            assertThat(declarations(a)).isEqualTo(signers.size() + 1);
        }
    }
}
