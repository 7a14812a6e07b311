package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.await;
import static no.ledger.api.instances.LedgerInstances.segmentsHeld;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.ledger.api.LedgerApplication;
import no.ledger.api.support.LedgerClient;
import no.ledger.projections.ProcessingGroups;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An instance that dies (killed, with no chance to release anything) leaves its token claims behind; once they
 * time out, the instance left takes its segments over and catches up with what was recorded meanwhile. The dying
 * instance runs in a JVM of its own so that it can be killed for real.
 */
class InstanceCrashTest {

    // Generous: a second JVM starting on a 2-core machine that other builds share took more than 90 s.
    private static final Duration PATIENCE = Duration.ofSeconds(240);

    @Test
    void theSegmentsOfAKilledInstanceAreTakenOverAfterTheClaimTimeout() throws Exception {
        try (LedgerInstances instances = new LedgerInstances(true)) {
            ConfigurableApplicationContext survivor = instances.start("survivor");
            LedgerInstances.progress(survivor).awaitCaughtUp(PATIENCE);
            JdbcTemplate jdbc = survivor.getBean(JdbcTemplate.class);

            Path log = Files.createTempFile("ledger-victim", ".log");
            Process victim = startInItsOwnJvm(instances, "victim", log);
            try {
                for (String processor : ProcessingGroups.ALL) {
                    await(processor + " shared with the instance in the other JVM (log: " + log + ")", PATIENCE,
                            () -> segmentsHeld(survivor, processor) == 2 && ownedBy(jdbc, processor, "victim") == 2);
                }
            } finally {
                victim.destroyForcibly().waitFor();
            }
            assertThat(ownedBy(jdbc, ProcessingGroups.HISTORY, "victim")).as("claims left behind").isEqualTo(2);

            LedgerClient client = LedgerInstances.client(survivor);
            assertThat(client.post("/api/programmes/akson/participants/1804/declaration", Map.of("signedOn",
                    "2020-06-10", "decisionReference", "PS 1", "signatory", "ordfører")).status()).isEqualTo(201);
            for (String processor : ProcessingGroups.ALL) {
                await(processor + " taken over from the killed instance", PATIENCE,
                        () -> segmentsHeld(survivor, processor) == 4);
            }
            LedgerInstances.progress(survivor).awaitCaughtUp(PATIENCE);
            assertThat(client.get("/api/municipalities/1804/history").body().path("events").toString())
                    .contains("DeclarationSigned");
        }
    }

    private static int ownedBy(JdbcTemplate jdbc, String processor, String owner) {
        Integer owned = jdbc.queryForObject("SELECT COUNT(*) FROM token_entry WHERE processor_name = ? AND owner = ?",
                Integer.class, processor, owner);
        return owned == null ? 0 : owned;
    }

    private static Process startInItsOwnJvm(LedgerInstances instances, String instanceId, Path log)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Daxoniq.update-checker.disabled=true",
                "-cp", System.getProperty("java.class.path"),
                LedgerApplication.class.getName()));
        command.addAll(instances.arguments(instanceId));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(new File(System.getProperty("java.io.tmpdir"))).start();
    }
}
