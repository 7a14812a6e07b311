package no.ledger.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.ledger.api.config.AxonConfiguration;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import no.ledger.core.company.IssueShares;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code Idempotency-Key} on one instance: a retried or repeated POST records once and answers the same; a key
 * reused for another request is refused; keys belong to their caller; claims left by crashes expire; old keys go.
 */
public class IdempotencyTest extends LedgerIntegrationTest {

    private static final int CONCURRENT_REPEATS = 20;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private IdempotencyKeys keys;

    @Autowired
    private ProjectionProgress progress;

    @Autowired
    private CommandGateway commandGateway;

    @Test
    void twentyConcurrentRetriesOfAShareIssueAndATransferRecordEachOnce() throws Exception {
        String company = foundedCompany();
        List<Answer> issued = concurrently(ledger, "/api/companies/" + company + "/share-issues",
                Map.of("owner", "0301", "shares", 120, "issuedOn", "2021-07-01"), key("issue"));
        List<Answer> transferred = concurrently(ledger, "/api/companies/" + company + "/share-transfers",
                Map.of("from", "0301", "to", "4601", "shares", 30, "transferredOn", "2021-08-01"), key("transfer"));

        assertAllTheSameAnswer(issued);
        assertAllTheSameAnswer(transferred);
        assertThat(events(company, "SharesIssued")).isEqualTo(1);
        assertThat(events(company, "SharesTransferred")).isEqualTo(1);
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        Map<String, Long> holdings = new HashMap<>();
        ledger.get("/api/companies/" + company + "/ownership?asOf=2021-09-01").body().path("owners")
                .forEach(owner -> holdings.put(owner.path("owner").asText(), owner.path("shares").asLong()));
        assertThat(holdings).isEqualTo(Map.of("0301", 90L, "4601", 30L));
    }

    @Test
    void aRepeatAnswersTheSameStatusHeadersAndBodyAndRecordsNothing() {
        String company = foundedCompany();
        String path = "/api/companies/" + company + "/share-issues";
        Map<String, Object> body = Map.of("owner", "KS", "shares", 10, "issuedOn", "2021-07-01");
        Map<String, String> key = key("repeat");

        Answer first = ledger.post(path, body, key);
        // The same JSON with its members in another order and other whitespace is the same request.
        Answer repeat = ledger.post(path, "{ \"issuedOn\": \"2021-07-01\",\n \"shares\": 10, \"owner\": \"KS\" }", key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).isEmpty();
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.contentType()).isEqualTo(first.contentType());
        assertThat(repeat.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"))
                .hasValueSatisfying(location -> assertThat(location).endsWith("/api/events/" + first.eventId()));
        assertThat(repeat.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(events(company, "SharesIssued")).isEqualTo(1);
    }

    @Test
    void theSameKeyForAnotherBodyOrPathIsRefusedAndRecordsNothing() {
        String company = foundedCompany();
        String issues = "/api/companies/" + company + "/share-issues";
        Map<String, String> key = key("reused");
        assertThat(ledger.post(issues, Map.of("owner", "KS", "shares", 10, "issuedOn", "2021-07-01"), key).status())
                .isEqualTo(201);

        Answer otherBody = ledger.post(issues, Map.of("owner", "KS", "shares", 11, "issuedOn", "2021-07-01"), key);
        Answer otherPath = ledger.post("/api/companies/" + company + "/share-transfers", Map.of("from", "KS", "to",
                "0301", "shares", 10, "transferredOn", "2021-07-02"), key);

        for (Answer refused : List.of(otherBody, otherPath)) {
            assertThat(refused.status()).as(refused.toString()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().path("rule").asText()).isEqualTo("idempotency-key-reused");
            assertThat(refused.body().path("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(events(company, "SharesIssued")).isEqualTo(1);
        assertThat(events(company, "SharesTransferred")).isZero();
    }

    @Test
    void callersHaveKeysOfTheirOwn() {
        String company = foundedCompany();
        String issues = "/api/companies/" + company + "/share-issues";
        Map<String, Object> body = Map.of("owner", "STATE", "shares", 5, "issuedOn", "2021-07-01");
        Map<String, String> key = Map.of("Idempotency-Key", "the-same-key-" + company);

        Answer byOne = ledger.post(issues, body, key);
        Answer byAnother = ledger.as(TestUsers.RECORDER).post(issues, body, key);

        assertThat(byOne.status()).isEqualTo(201);
        assertThat(byAnother.status()).isEqualTo(201);
        assertThat(byAnother.eventId()).isNotEqualTo(byOne.eventId());
        assertThat(events(company, "SharesIssued")).isEqualTo(2);
    }

    @Test
    void aBrokenRuleIsAFinalAnswerThatARepeatGetsAgain() {
        String company = foundedCompany();
        String transfers = "/api/companies/" + company + "/share-transfers";
        Map<String, Object> transfer = Map.of("from", "0301", "to", "4601", "shares", 50,
                "transferredOn", "2021-08-01");
        Map<String, String> key = key("refused");

        Answer refused = ledger.post(transfers, transfer, key);
        // Now the transfer would be allowed; but the key's request was answered, and the answer stands.
        assertThat(ledger.post("/api/companies/" + company + "/share-issues",
                Map.of("owner", "0301", "shares", 100, "issuedOn", "2021-07-01")).status()).isEqualTo(201);
        Answer repeat = ledger.post(transfers, transfer, key);

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body().path("rule").asText()).isEqualTo("transfer-at-most-holding");
        assertThat(repeat.status()).isEqualTo(409);
        assertThat(repeat.body()).isEqualTo(refused.body());
        assertThat(repeat.contentType()).isEqualTo(refused.contentType());
        assertThat(events(company, "SharesTransferred")).isZero();
    }

    @Test
    void aRetractionRepeatedWithItsKeyIsRecordedOnce() {
        String company = foundedCompany();
        String issued = ledger.post("/api/companies/" + company + "/share-issues",
                Map.of("owner", "KS", "shares", 7, "issuedOn", "2021-07-01")).eventId();
        Map<String, Object> body = Map.of("reason", "registered twice", "retractedOn", "2021-07-02");
        Map<String, String> key = key("retraction");

        Answer first = ledger.post("/api/events/" + issued + "/retraction", body, key);
        Answer repeat = ledger.post("/api/events/" + issued + "/retraction", body, key);

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(events(company, "ShareDecisionRetracted")).isEqualTo(1);
    }

    @Test
    void aKeyThatIsNotPrintableAsciiOfOneTo255CharactersIsRefused() {
        String company = foundedCompany();
        String issues = "/api/companies/" + company + "/share-issues";
        Map<String, Object> body = Map.of("owner", "KS", "shares", 1, "issuedOn", "2021-07-01");
        for (String badKey : List.of("k".repeat(256), "\"\"", "\"bad\\escape\"")) {
            Answer refused = ledger.post(issues, body, Map.of("Idempotency-Key", badKey));
            assertThat(refused.status()).as(badKey).isEqualTo(400);
            assertThat(refused.body().path("rule").asText()).isEqualTo("idempotency-key-format");
            assertThat(refused.body().path("field").asText()).isEqualTo("Idempotency-Key");
        }
        assertThat(ledger.post(issues, body, Map.of("Idempotency-Key", "k".repeat(255))).status()).isEqualTo(201);
        // The draft's form is a Structured Field string; the quoted and the bare key are one key.
        assertThat(ledger.post(issues, body, Map.of("Idempotency-Key", "\"" + "k".repeat(255) + "\""))
                .headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(events(company, "SharesIssued")).isEqualTo(1);
    }

    @Test
    void aRepeatWhileTheFirstRunsWaitsThenHears409AndAClaimLeftByACrashExpires() {
        String company = foundedCompany();
        String issues = "/api/companies/" + company + "/share-issues";
        Map<String, Object> body = Map.of("owner", "KS", "shares", 3, "issuedOn", "2021-07-01");
        String running = "running-" + company;
        String crashed = "crashed-" + company;
        String fingerprint = RequestFingerprint.of("POST", issues,
                "{\"owner\":\"KS\",\"shares\":3,\"issuedOn\":\"2021-07-01\"}".getBytes());
        Instant now = Instant.now();
        claimedBySomeoneElse(running, fingerprint, now);
        claimedBySomeoneElse(crashed, fingerprint, now.minus(Duration.ofMinutes(2)));

        long started = System.nanoTime();
        Answer inProgress = ledger.post(issues, body, Map.of("Idempotency-Key", running));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        Answer afterCrash = ledger.post(issues, body, Map.of("Idempotency-Key", crashed));

        assertThat(inProgress.status()).isEqualTo(409);
        assertThat(inProgress.body().path("rule").asText()).isEqualTo("request-in-progress");
        assertThat(inProgress.headers().firstValue("Retry-After")).isPresent();
        assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(afterCrash.status()).as(afterCrash.toString()).isEqualTo(201);
        assertThat(events(company, "SharesIssued")).isEqualTo(1);
    }

    @Test
    void keysAreKeptForTheRetentionAndThenPurged() {
        String company = foundedCompany();
        String issues = "/api/companies/" + company + "/share-issues";
        Map<String, String> key = key("purged");
        assertThat(ledger.post(issues, Map.of("owner", "KS", "shares", 1, "issuedOn", "2021-07-01"), key).status())
                .isEqualTo(201);
        String keyValue = key.get("Idempotency-Key");

        keys.purge(Instant.now().plus(Duration.ofHours(23)));
        assertThat(keyRows(keyValue)).isEqualTo(1);
        keys.purge(Instant.now().plus(Duration.ofHours(24)).plusSeconds(60));
        assertThat(keyRows(keyValue)).isZero();
        // Once purged, the key is new again.
        assertThat(ledger.post(issues, Map.of("owner", "KS", "shares", 2, "issuedOn", "2021-07-01"), key).status())
                .isEqualTo(201);
    }

    @Test
    void aRequestWhoseClaimWasTakenOverCannotRecord() {
        String company = foundedCompany();
        String key = "taken-over-" + company;
        IdempotencyClaim claim = ((IdempotencyKeys.Claimed) keys.claim(TestUsers.EVERY_ROLE, key, "fingerprint"))
                .claim();
        // As if the claim had expired while the command ran, and a retry had taken the key over.
        jdbc.update("UPDATE idempotency_key SET claim_token = 'the-retry' WHERE idempotency_key = ?", key);

        Throwable refused = catchThrowable(() -> commandGateway.sendAndWait(GenericCommandMessage
                .asCommandMessage(new IssueShares(company, "KS", 1L, LocalDate.of(2021, 7, 1), null))
                .andMetaData(MetaData.with(AxonConfiguration.RECORDED_BY, TestUsers.EVERY_ROLE)
                        .mergedWith(claim.asMetaData()))));

        assertThat(refused).isInstanceOf(IdempotencyClaimLost.class);
        assertThat(events(company, "SharesIssued")).isZero();
    }

    private void claimedBySomeoneElse(String key, String fingerprint, Instant claimedAt) {
        jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, fingerprint, state, claim_token, created_at,"
                        + " claimed_at) VALUES (?, ?, ?, 'IN_PROGRESS', 'crashed-instance', ?, ?)",
                TestUsers.EVERY_ROLE, key, fingerprint, claimedAt.atOffset(ZoneOffset.UTC),
                claimedAt.atOffset(ZoneOffset.UTC));
    }

    private int keyRows(String key) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM idempotency_key WHERE idempotency_key = ?", Integer.class,
                key);
    }

    /** Sends the same request from many clients at once, each as a client library's retry would. */
    public static List<Answer> concurrently(LedgerClient client, String path, Map<String, Object> body,
                                     Map<String, String> headers) throws Exception {
        return concurrently(List.of(client), path, body, headers);
    }

    public static List<Answer> concurrently(List<LedgerClient> clients, String path, Map<String, Object> body,
                                     Map<String, String> headers) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(CONCURRENT_REPEATS);
        try {
            CyclicBarrier start = new CyclicBarrier(CONCURRENT_REPEATS);
            List<Future<Answer>> sent = new ArrayList<>();
            for (int sender = 0; sender < CONCURRENT_REPEATS; sender++) {
                LedgerClient client = clients.get(sender % clients.size());
                sent.add(senders.submit(() -> {
                    start.await();
                    return client.post(path, body, headers);
                }));
            }
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> answer : sent) {
                answers.add(answer.get());
            }
            return answers;
        } finally {
            senders.shutdownNow();
        }
    }

    /** Every answer 201 with one event id and its Location; exactly one of them the first, the rest replays. */
    public static void assertAllTheSameAnswer(List<Answer> answers) {
        Answer first = answers.get(0);
        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
            assertThat(answer.body()).isEqualTo(first.body());
            assertThat(answer.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        });
        assertThat(answers.stream().filter(answer -> answer.headers()
                .firstValue(IdempotencyFilter.REPLAYED_HEADER).isEmpty())).hasSize(1);
    }

    private String foundedCompany() {
        String company = unique("idem");
        Answer founded = ledger.post("/api/companies", Map.of("id", company, "name", "Selskap " + company,
                "foundedOn", "2021-06-01"));
        assertThat(founded.status()).as(founded.toString()).isEqualTo(201);
        return company;
    }

    private int events(String company, String type) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry WHERE aggregate_identifier = ?"
                + " AND payload_type LIKE ?", Integer.class, "company:" + company, "%." + type);
    }

    private static Map<String, String> key(String purpose) {
        return Map.of("Idempotency-Key", unique(purpose));
    }
}
