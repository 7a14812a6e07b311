package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import no.ledger.api.benchmark.SyntheticHistory;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.TestDatabase;
import no.ledger.api.support.TestUsers;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A rebuild with two instances up on PostgreSQL: one runs it, the other refuses a second one, and both keep
 * answering, the same before and after, and go on folding new decisions into the new tables. On H2, whose renames are
 * not transactional, a rebuild is refused while another instance shares the database.
 */
class RebuildInstancesTest {

    @Test
    void oneInstanceRebuildsWhileBothAnswerAndBothGoOnWithTheNewTables() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("rebuild-a");
            ConfigurableApplicationContext second = instances.start("rebuild-b");
            CommandGateway commands = first.getBean(CommandGateway.class);
            SyntheticHistory history = new SyntheticHistory(command -> commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("recordedBy", "test"))), 3,
                    "shared");
            history.recordProgrammesUntil(1_000);
            LedgerClient a = client(first).as(TestUsers.OPERATOR);
            LedgerClient b = client(second).as(TestUsers.OPERATOR);
            Instant knownAt = Instant.now();
            String coverage = "/api/programmes/shared-00000/coverage?asOf=2024-07-01&knownAt=" + knownAt;
            LedgerInstances.await("both instances fold every decision", Duration.ofSeconds(60),
                    () -> a.get(coverage).status() == 200 && a.get(coverage).body().equals(b.get(coverage).body())
                            && a.get(coverage).body().path("scope").path("municipalities").asInt() > 0);

            LedgerClient.Answer started = a.post("/api/admin/read-models/rebuild", "");
            if (!TestDatabase.onPostgres()) {
                assertThat(started.status()).isEqualTo(409);
                assertThat(started.body().path("rule").asText()).isEqualTo("rebuild-alone-on-h2");
                return;
            }
            String before = a.get(coverage).body().toString();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger reads = new AtomicInteger();
            List<String> wrong = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                while (running.get()) {
                    for (LedgerClient instance : List.of(a, b)) {
                        LedgerClient.Answer answer = instance.get(coverage);
                        reads.incrementAndGet();
                        if (answer.status() != 200 || !answer.body().toString().equals(before)) {
                            wrong.add(answer.status() + " " + answer.body());
                        }
                    }
                }
            });
            reader.start();
            assertThat(started.status()).as(started.toString()).isEqualTo(202);
            LedgerClient.Answer second409 = b.post("/api/admin/read-models/rebuild", "");
            String location = started.header("Location").orElseThrow();
            LedgerInstances.await("the rebuild ends", Duration.ofMinutes(3),
                    () -> !b.get(location).body().path("state").asText().equals("RUNNING"));
            running.set(false);
            reader.join();

            assertThat(b.get(location).body().path("state").asText()).isEqualTo("DONE");
            assertThat(b.get(location).body().path("instance").asText()).isEqualTo("rebuild-a");
            assertThat(second409.status()).isEqualTo(409);
            assertThat(second409.body().path("rule").asText()).isEqualTo("rebuild-in-progress");
            assertThat(wrong).isEmpty();
            assertThat(reads.get()).isPositive();

            // Both instances go on folding into the new tables.
            SyntheticHistory later = new SyntheticHistory(command -> commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(Map.of("recordedBy", "test"))), 4,
                    "after-switch");
            later.recordProgrammesUntil(200);
            String after = "/api/programmes/after-switch-00000/participants?asOf=2030-01-01";
            LedgerInstances.await("both instances fold new decisions after the switch", Duration.ofSeconds(60),
                    () -> a.get(after).status() == 200 && a.get(after).body().path("participants").size() > 0
                            && b.get(after).body().path("participants").equals(a.get(after).body()
                            .path("participants")));
        }
    }
}
