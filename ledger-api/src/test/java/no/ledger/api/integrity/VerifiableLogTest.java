package no.ledger.api.integrity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The verifiable log over HTTP, checked by the independent verifier as an outside auditor would. */
class VerifiableLogTest extends LedgerIntegrationTest {

    @LocalServerPort
    private int port;

    @Test
    void aKeptTreeHeadStaysConsistentAndEveryEventIsProvablyIncluded() throws Exception {
        List<String> events = new ArrayList<>();
        events.add(recordDeclaration());
        awaitInTree(events.get(0));
        String pem = publicKeyPem();
        PublicKey key = IndependentVerifier.publicKey(pem);
        Map<String, Object> kept = IndependentVerifier.object(IndependentVerifier.parse(
                ledger.anonymous().get("/api/integrity/tree-head").body().toString()));
        assertThat(IndependentVerifier.signatureHolds(kept, key)).isTrue();

        for (int i = 0; i < 5; i++) {
            events.add(recordDeclaration());
        }
        events.forEach(this::awaitInTree);

        IndependentVerifier verifier = new IndependentVerifier("http://localhost:" + port, TestUsers.AUDITOR,
                TestUsers.password(TestUsers.AUDITOR));
        Map<String, Object> current = verifier.check(kept, key, events);
        assertThat(((Number) current.get("treeSize")).longValue())
                .isGreaterThan(((Number) kept.get("treeSize")).longValue());

        // A head that the ledger did not sign, or a history that differs from the kept one, does not pass.
        Map<String, Object> forged = new java.util.LinkedHashMap<>(kept);
        forged.put("rootHash", current.get("rootHash"));
        assertThatThrownBy(() -> verifier.check(forged, key, List.of()))
                .isInstanceOf(IndependentVerifier.VerificationFailed.class).hasMessageContaining("signature");
    }

    @Test
    void anEventShowsItsLeafAndTheLeafIsItsCanonicalJson() {
        String eventId = recordDeclaration();
        JsonNode event = awaitInTree(eventId);
        assertThat(event.path("eventId").asText()).isEqualTo(eventId);
        assertThat(event.path("metadata").path("recordedBy").asText()).isEqualTo(TestUsers.EVERY_ROLE);
        assertThat(event.path("recordedAt").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z");
        Map<String, Object> shown = IndependentVerifier.object(IndependentVerifier.parse(event.toString()));
        shown.remove("integrity");
        byte[] leafHash = IndependentVerifier.leafHash(IndependentVerifier.canonical(shown)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(java.util.Base64.getEncoder().encodeToString(leafHash))
                .isEqualTo(event.path("integrity").path("leafHash").asText());

        Answer proof = ledger.anonymous().get("/api/integrity/inclusion-proof?eventId=" + eventId);
        assertThat(proof.status()).as(proof.toString()).isEqualTo(200);
        assertThat(proof.body().path("leafIndex").asLong()).isEqualTo(event.path("integrity").path("leafIndex")
                .asLong());
    }

    @Test
    void theLogIsPublicItsVerificationIsForAuditors() {
        assertThat(ledger.anonymous().get("/api/integrity/tree-head").status()).isEqualTo(200);
        assertThat(ledger.anonymous().get("/api/integrity/consistency-proof?first=1").status()).isEqualTo(200);
        assertThat(ledger.anonymous().post("/api/integrity/verification", "").status()).isEqualTo(401);
        assertThat(ledger.as(TestUsers.RECORDER).post("/api/integrity/verification", "").status()).isEqualTo(403);
        Answer verification = ledger.as(TestUsers.AUDITOR).post("/api/integrity/verification", "");
        assertThat(verification.status()).as(verification.toString()).isEqualTo(200);
        assertThat(verification.body().path("consistent").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.body().path("checked").asLong()).isEqualTo(verification.body().path("treeSize")
                .asLong());
        assertThat(verification.body().path("firstMismatch").isNull()).isTrue();
    }

    @Test
    void proofsOfWhatTheTreeDoesNotHaveAreProblems() {
        long size = ledger.get("/api/integrity/tree-head").body().path("treeSize").asLong();
        assertProblem(ledger.get("/api/integrity/inclusion-proof?leafIndex=" + size + "&treeSize=" + size), 422,
                "leaf-in-tree");
        assertProblem(ledger.get("/api/integrity/inclusion-proof?leafIndex=-1"), 422, "leaf-in-tree");
        assertProblem(ledger.get("/api/integrity/inclusion-proof?leafIndex=0&treeSize=" + (size + 1000)), 422,
                "tree-size-published");
        assertProblem(ledger.get("/api/integrity/inclusion-proof"), 422, "leaf-named-once");
        assertProblem(ledger.get("/api/integrity/inclusion-proof?eventId=no-such-event"), 404, "event-recorded");
        assertProblem(ledger.get("/api/integrity/consistency-proof?first=0"), 422, "consistency-sizes");
        assertProblem(ledger.get("/api/integrity/consistency-proof?first=2&second=1"), 422, "consistency-sizes");
        assertProblem(ledger.get("/api/integrity/consistency-proof?first=1&second=" + (size + 1000)), 422,
                "tree-size-published");
        Answer notANumber = ledger.get("/api/integrity/consistency-proof?first=many");
        assertThat(notANumber.status()).isEqualTo(400);
        assertThat(notANumber.contentType()).startsWith("application/problem+json");
        assertThat(notANumber.body().path("rule").isTextual()).isTrue();
    }

    private static void assertProblem(Answer answer, int status, String rule) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.body().path("rule").asText()).as(answer.toString()).isEqualTo(rule);
    }

    private String recordDeclaration() {
        String programme = aksonLikeProgramme();
        Answer signed = ledger.post("/api/programmes/" + programme + "/participants/0301/declaration",
                Map.of("signedOn", "2020-06-15", "decisionReference", "PS 12/20", "signatory", "ordfører"));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        return signed.eventId();
    }

    /** The event once the tree has it: the sequencer follows within a second or so. */
    private JsonNode awaitInTree(String eventId) {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (true) {
            Answer event = ledger.get("/api/events/" + eventId);
            if (event.status() == 200 && event.body().path("integrity").isObject()) {
                return event.body();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not in the tree within 20 s: " + event);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new AssertionError(interrupted);
            }
        }
    }

    private String publicKeyPem() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/integrity/public-key")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).startsWith("-----BEGIN PUBLIC KEY-----");
        return response.body();
    }
}
