package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import no.ledger.api.benchmark.SyntheticHistory;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An instance that starts with read models far behind the event store rebuilds them before it takes traffic,
 * rather than wait for its processors to fold the history event by event.
 */
class RebuildAtStartTest {

    @Test
    void readModelsFarBehindAreRebuiltBeforeTheInstanceIsReady() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("before");
            CommandGateway commands = first.getBean(CommandGateway.class);
            new SyntheticHistory(command -> commands.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of("recordedBy", "test"))), 8, "far").recordProgrammesUntil(600);
            String participants = "/api/programmes/far-00000/participants?asOf=2030-01-01";
            LedgerInstances.await("the history in the read models", java.time.Duration.ofSeconds(60),
                    () -> client(first).get(participants).body().path("participants").size() > 0);
            String expected = client(first).get(participants).body().path("participants").toString();
            LedgerInstances.progress(first).processors().values()
                    .forEach(org.axonframework.eventhandling.StreamingEventProcessor::shutDown);
            // As after restoring an old backup of the read models: every token far behind the event store.
            first.getBean(JdbcTemplate.class).update("UPDATE token_entry SET token = ?, token_type = ?, owner = NULL",
                    "{\"index\":10,\"gaps\":[]}".getBytes(StandardCharsets.UTF_8),
                    GapAwareTrackingToken.class.getName());
            first.close();

            ConfigurableApplicationContext second = instances.start("after",
                    "--ledger.read-models.rebuild-at-start-when-behind=100");

            JdbcTemplate shared = second.getBean(JdbcTemplate.class);
            assertThat(shared.queryForList("SELECT state FROM read_model_rebuild WHERE requested_by = 'start-up'",
                    String.class)).containsExactly("DONE");
            assertThat(client(second).get(participants).body().path("participants").toString()).isEqualTo(expected);
        }
    }
}
