package no.ledger.api.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerProcess;
import no.ledger.api.support.TestDatabase;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;

/**
 * The service as a process: a start that fails ends it; until it is ready it turns requests away (a caller cannot
 * race the reference data); and what it acknowledged survives {@code kill -9}, on H2's default file store as on
 * PostgreSQL.
 */
class SeparateProcessTest {

    // About 10 s on an idle 2-core machine; far more when other builds share it.
    private static final Duration START = Duration.ofSeconds(240);
    /** Akson municipalities (Oslo, Bergen, Tromsø, Stavanger), one a client, so that their decisions never clash. */
    private static final List<String> MUNICIPALITIES = List.of("0301", "4601", "5401", "1103");
    private static final LocalDate FIRST_COUNT = LocalDate.of(2021, 1, 1);
    private static final int MOST_COUNTS_PER_CLIENT = 1500;

    @Test
    void aStartThatFailsEndsTheProcessWithANonZeroStatus() throws Exception {
        try (ServerSocket taken = new ServerSocket(0); LedgerProcess ledger = LedgerProcess.onFreshStore()) {
            Process process = ledger.start(taken.getLocalPort()).process();

            assertThat(process.waitFor(START.toSeconds(), TimeUnit.SECONDS))
                    .as("the process ended after its port was found taken (log: %s)", ledger.lastLog()).isTrue();
            assertThat(process.exitValue()).isNotZero();
            assertThat(Files.readString(ledger.lastLog())).contains("already in use");
        }
    }

    @Test
    void untilReadyTheApiAnswers503AndEveryDecisionAcknowledgedBeforeAKillIsThereAfterARestart() throws Exception {
        try (LedgerProcess ledger = LedgerProcess.onFreshStore()) {
            LedgerClient client = ledger.start().client();
            knockUntilReady(client);

            // Akson is the reference data's, not the definition that was knocking during the start.
            JsonNode coverage = client.get("/api/programmes/akson/coverage?asOf=2020-07-01").body();
            assertThat(coverage.path("scope").path("municipalities").asInt()).isEqualTo(291);

            List<Map<String, Acknowledged>> acknowledged = recordUntilKilled(ledger, client);
            int total = acknowledged.stream().mapToInt(Map::size).sum();

            LedgerClient restarted = ledger.start().client();
            ledger.awaitReady(START);
            int present = 0;
            for (Map<String, Acknowledged> ofClient : acknowledged) {
                for (String eventId : ofClient.keySet()) {
                    present += restarted.get("/api/events/" + eventId).status() == 200 ? 1 : 0;
                }
            }
            System.out.printf("kill -9 under write load on %s: %d decisions acknowledged, %d present after the"
                    + " restart%n", TestDatabase.onPostgres() ? "PostgreSQL" : "H2", total, present);
            assertThat(present).as("acknowledged decisions present after kill -9").isEqualTo(total);

            // The read models agree: each municipality's history lists every acknowledged count, and its row shows
            // the population of the last one.
            for (int index = 0; index < MUNICIPALITIES.size(); index++) {
                String number = MUNICIPALITIES.get(index);
                Map<String, Acknowledged> ofClient = acknowledged.get(index);
                Set<String> inHistory = new HashSet<>();
                restarted.get("/api/municipalities/" + number + "/history?limit=1000").body().path("events")
                        .forEach(event -> inHistory.add(event.path("eventId").asText()));
                assertThat(inHistory).as("history of %s", number).containsAll(ofClient.keySet());
                Acknowledged last = ofClient.values().stream()
                        .max((one, other) -> one.countedOn().compareTo(other.countedOn())).orElseThrow();
                String participant = "/api/programmes/akson/participants/" + number + "?asOf=" + last.countedOn();
                long shown = restarted.get(participant).body().path("population").asLong();
                assertThat(shown).as("population of %s%s", number, shown == last.population() ? ""
                        : diagnosis(ledger, restarted, participant)).isEqualTo(last.population());
            }
        }
    }

    /**
     * What a wrong population after the restart needs to be told apart (it happened once in CI, on H2, and has not
     * been reproduced): the same question a few seconds later (a read model still catching up, or one that stays
     * wrong), the processors' positions, and what the restarted service logged about its catch-up and any failure.
     */
    private static String diagnosis(LedgerProcess ledger, LedgerClient restarted, String participant)
            throws Exception {
        Thread.sleep(5_000);
        JsonNode processors = restarted.as(TestUsers.OPERATOR).get("/actuator/processors").body();
        StringBuilder diagnosis = new StringBuilder("\n5 s later: ")
                .append(restarted.get(participant).body().path("population").asLong())
                .append("\nhead: ").append(processors.path("head"))
                .append("\nparticipants: ").append(processors.path("processors").path("participants"))
                .append("\nlog:");
        try (Stream<String> lines = Files.lines(ledger.lastLog())) {
            // The ledger's and Axon's warnings, any error, and when readiness came.
            lines.filter(line -> line.contains(" ERROR ") || line.contains("caught up")
                            || line.contains(" WARN ") && (line.contains(" n.ledger.") || line.contains(" o.a.")))
                    .limit(40).forEach(line -> diagnosis.append("\n  ").append(line));
        }
        return diagnosis.toString();
    }

    /**
     * Sends a programme definition of Akson's, and reads, from the moment the port opens until the readiness probe
     * answers 200: every answer meanwhile is 503 problem+json with Retry-After, and liveness is up.
     */
    private static void knockUntilReady(LedgerClient client) {
        long deadline = System.nanoTime() + START.toNanos();
        int turnedAway = 0;
        boolean livenessUpWhileNotReady = false;
        while (true) {
            assertThat(System.nanoTime()).as("ready within %s", START).isLessThan(deadline);
            LedgerClient.Answer readiness;
            try {
                readiness = client.get("/actuator/health/readiness");
            } catch (UncheckedIOException notListeningYet) {
                pause();
                continue;
            }
            if (readiness.status() == 200) {
                break;
            }
            assertThat(readiness.status()).isEqualTo(503);
            livenessUpWhileNotReady |= client.get("/actuator/health/liveness").status() == 200;
            LedgerClient.Answer definition = client.post("/api/programmes", Map.of("id", "akson",
                    "name", "Akson, defined by a caller", "scopeRegions", List.of("NORD"),
                    "declarationDeadline", "2020-06-01", "definedOn", "2020-05-01",
                    "thresholds", Map.of("declaration", 0.5, "commitment", 0.55, "procurement", 0.85)));
            LedgerClient.Answer read = client.get("/api/programmes/akson/coverage");
            for (LedgerClient.Answer answer : List.of(definition, read)) {
                if (answer.status() == 503) {
                    turnedAway++;
                    assertThat(answer.contentType()).startsWith("application/problem+json");
                    assertThat(answer.body().path("rule").asText()).isEqualTo("service-starting");
                    assertThat(answer.header("Retry-After")).isPresent();
                } else {
                    // Readiness turned between the probe and this request: the reference data was there first.
                    assertThat(answer.status()).as("%s", answer).isIn(200, 409);
                }
            }
        }
        System.out.printf("during the start: %d requests turned away with 503%n", turnedAway);
        assertThat(turnedAway).isPositive();
        assertThat(livenessUpWhileNotReady).isTrue();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    record Acknowledged(LocalDate countedOn, long population) {
    }

    /**
     * One client a municipality records population counts, one after the other with later dates, and remembers
     * each one answered 201; the process is killed while they are at it.
     */
    private static List<Map<String, Acknowledged>> recordUntilKilled(LedgerProcess ledger, LedgerClient client)
            throws Exception {
        List<Map<String, Acknowledged>> acknowledged = new ArrayList<>();
        AtomicBoolean killed = new AtomicBoolean();
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(MUNICIPALITIES.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (String number : MUNICIPALITIES) {
                Map<String, Acknowledged> ofClient = new ConcurrentHashMap<>();
                acknowledged.add(ofClient);
                running.add(clients.submit(() -> {
                    for (int count = 0; count < MOST_COUNTS_PER_CLIENT && !killed.get(); count++) {
                        Acknowledged decision = new Acknowledged(FIRST_COUNT.plusDays(count), 100_000 + count);
                        LedgerClient.Answer answer;
                        try {
                            answer = client.post("/api/municipalities/" + number + "/population", Map.of(
                                    "population", decision.population(), "countedOn", decision.countedOn()
                                            .toString()));
                        } catch (UncheckedIOException killedMeanwhile) {
                            return;
                        }
                        if (answer.status() / 100 == 2) {
                            ofClient.put(answer.eventId(), decision);
                            answered.incrementAndGet();
                        } else if (!killed.get()) {
                            throw new AssertionError("refused: " + answer);
                        }
                    }
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (answered.get() < 400 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            killed.set(true);
            ledger.kill();
            for (Future<?> sender : running) {
                sender.get(30, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        return acknowledged;
    }
}
