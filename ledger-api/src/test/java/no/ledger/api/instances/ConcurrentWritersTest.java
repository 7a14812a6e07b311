package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.ledger.api.integrity.TreeVerifier;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two instances decide on the same participation at the same moment, many times over: each time exactly one
 * decision is recorded, the winner hears 201 and the loser a clean 409, and no event is lost or doubled. Half the
 * rounds race on a participation that exists (Akson's invitations), half on one that the decision creates.
 */
class ConcurrentWritersTest {

    private static final int ROUNDS = 40;

    @Test
    void ofTwoConcurrentSignaturesExactlyOneIsRecorded() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("writer-a");
            // Caught up while it holds every segment: once the second shares them, neither holds them all.
            LedgerInstances.progress(first).awaitCaughtUp(Duration.ofSeconds(60));
            ConfigurableApplicationContext second = instances.start("writer-b");
            LedgerClient a = client(first);
            LedgerClient b = client(second);
            assertThat(a.post("/api/programmes", Map.of("id", "akson-2", "name", "Akson 2", "scopeRegions",
                    List.of("NORD", "VEST", "SOR_OST"), "declarationDeadline", "2020-07-01", "thresholds",
                    Map.of("declaration", 0.5, "commitment", 0.55, "procurement", 0.85))).status()).isEqualTo(201);
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            List<String> municipalities = jdbc.queryForList("SELECT aggregate_identifier FROM domain_event_entry"
                            + " WHERE payload_type LIKE '%MunicipalityInvited' ORDER BY global_index", String.class)
                    .stream().map(participation -> participation.substring(participation.lastIndexOf(':') + 1))
                    .limit(ROUNDS).toList();
            ExecutorService racers = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < ROUNDS; round++) {
                    String programme = round % 2 == 0 ? "akson" : "akson-2";
                    String path = "/api/programmes/" + programme + "/participants/" + municipalities.get(round)
                            + "/declaration";
                    Map<String, String> body = Map.of("signedOn", "2020-06-15", "decisionReference", "PS " + round,
                            "signatory", "ordfører");
                    CyclicBarrier start = new CyclicBarrier(2);
                    Future<Answer> viaA = racers.submit(() -> {
                        start.await();
                        return a.post(path, body);
                    });
                    Future<Answer> viaB = racers.submit(() -> {
                        start.await();
                        return b.post(path, body);
                    });
                    List<Answer> answers = List.of(viaA.get(), viaB.get());

                    assertThat(answers).extracting(Answer::status).as(path + " " + answers)
                            .containsExactlyInAnyOrder(201, 409);
                    Answer loser = answers.stream().filter(answer -> answer.status() == 409).findFirst().orElseThrow();
                    assertThat(loser.body().path("rule").asText()).isEqualTo("sign-once");
                    String participation = "participation:" + programme + ":" + municipalities.get(round);
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE"
                                    + " aggregate_identifier = ? AND payload_type LIKE '%DeclarationSigned'",
                            Integer.class, participation)).as(participation).isEqualTo(1);
                    String winner = answers.stream().filter(answer -> answer.status() == 201).findFirst()
                            .orElseThrow().eventId();
                    assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE event_identifier = ?",
                            Integer.class, winner)).isEqualTo(1);
                }
            } finally {
                racers.shutdownNow();
            }
            List<Long> sequences = jdbc.queryForList("SELECT sequence_number FROM domain_event_entry"
                    + " WHERE aggregate_identifier LIKE 'participation:akson-2:%' ORDER BY aggregate_identifier",
                    Long.class);
            assertThat(sequences).hasSize(ROUNDS / 2).containsOnly(0L);

            // Both instances extend the verifiable log, one at a time: every event once, in global order, past the
            // gaps that the losers' rolled-back inserts left, and it verifies.
            long events = jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
            LedgerInstances.await("every event in the tree", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                    "SELECT tree_size FROM integrity_tree", Long.class) == events);
            List<Long> order = jdbc.queryForList("SELECT global_index FROM integrity_leaf ORDER BY leaf_index",
                    Long.class);
            assertThat(order).hasSize((int) events).isSorted().doesNotHaveDuplicates();
            assertThat(second.getBean(TreeVerifier.class).verify().consistent()).isTrue();
        }
    }
}
