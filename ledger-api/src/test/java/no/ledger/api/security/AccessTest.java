package no.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Who may do what with local users over HTTP Basic, with the defaults: public reads, no CORS origin. */
class AccessTest extends LedgerIntegrationTest {

    private static final Map<String, String> SIGNED = Map.of("signedOn", "2020-06-15",
            "decisionReference", "PS 12/20", "signatory", "ordfører");

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private ProjectionProgress progress;

    private long recordedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    private static void assertProblem(Answer answer, int status, String rule) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().path("rule").asText()).isEqualTo(rule);
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
    }

    private Map<String, Object> newMunicipality() {
        return Map.of("number", unusedMunicipalityNumber(), "name", "Prøvekommune", "county", "Viken",
                "healthRegion", "SOR_OST");
    }

    @Test
    void aWriteWithoutCredentialsIs401WithTheSchemesToUseAndRecordsNothing() {
        long before = recordedEvents();

        Answer refused = ledger.anonymous().post("/api/programmes/akson/participants/0301/declaration", SIGNED);

        assertProblem(refused, 401, "credentials-required");
        assertThat(refused.headers().allValues("WWW-Authenticate")).anySatisfy(challenge ->
                assertThat(challenge).startsWith("Basic realm=\"commitment-ledger\""));
        assertThat(recordedEvents()).isEqualTo(before);
    }

    @Test
    void aWrongPasswordIs401() {
        Answer refused = ledger.withBasic(TestUsers.REGISTRAR, "not-the-password").post("/api/municipalities",
                newMunicipality());

        assertProblem(refused, 401, "credentials-required");
        assertThat(refused.body().path("detail").asText()).isEqualTo("the credentials are not valid");
    }

    @Test
    void aRoleThatDoesNotAllowTheRequestIs403NamingTheRoleItNeeds() {
        long before = recordedEvents();

        Answer recorderRegisters = ledger.as(TestUsers.RECORDER).post("/api/municipalities", newMunicipality());
        Answer registrarSigns = ledger.as(TestUsers.REGISTRAR)
                .post("/api/programmes/akson/participants/0301/declaration", SIGNED);
        Answer auditorIssuesShares = ledger.as(TestUsers.AUDITOR).post("/api/companies/akson-journal/share-issues",
                Map.of("owner", "0301", "shares", 10, "issuedOn", "2021-07-01"));

        assertProblem(recorderRegisters, 403, "role-required");
        assertThat(recorderRegisters.body().path("detail").asText()).contains("REGISTRAR");
        assertProblem(registrarSigns, 403, "role-required");
        assertThat(registrarSigns.body().path("detail").asText()).contains("RECORDER");
        assertProblem(auditorIssuesShares, 403, "role-required");
        assertThat(recordedEvents()).isEqualTo(before);
    }

    @Test
    void everyRecordedDecisionNamesTheCallerWhoRecordedIt() {
        String programme = aksonLikeProgramme();
        LedgerClient recorder = ledger.as(TestUsers.RECORDER);

        Answer signed = recorder.post("/api/programmes/" + programme + "/participants/0301/declaration", SIGNED);

        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        Answer event = ledger.as(TestUsers.AUDITOR).get("/api/events/" + signed.eventId());
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.body().path("recordedBy").asText()).isEqualTo(TestUsers.RECORDER);
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        Answer history = ledger.as(TestUsers.AUDITOR).get("/api/municipalities/0301/history?limit=1000");
        assertThat(history.body().path("events")).anySatisfy(entry -> {
            assertThat(entry.path("eventId").asText()).isEqualTo(signed.eventId());
            assertThat(entry.path("recordedBy").asText()).isEqualTo(TestUsers.RECORDER);
        });
    }

    @Test
    void onlyARegistrarRetractsAndAReferencePopulationCannotBeRetractedByAnyoneElse() {
        String populationEvent = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'municipality:0301' AND payload_type LIKE '%PopulationCounted'",
                String.class);
        Map<String, String> retraction = Map.of("reason", "I do not like this figure", "retractedOn", "2020-08-01");
        long before = recordedEvents();

        assertProblem(ledger.anonymous().post("/api/events/" + populationEvent + "/retraction", retraction), 401,
                "credentials-required");
        assertProblem(ledger.as(TestUsers.RECORDER).post("/api/events/" + populationEvent + "/retraction",
                retraction), 403, "role-required");
        assertProblem(ledger.as(TestUsers.AUDITOR).post("/api/events/" + populationEvent + "/retraction",
                retraction), 403, "role-required");
        assertThat(recordedEvents()).isEqualTo(before);

        String programme = aksonLikeProgramme();
        Answer signed = ledger.as(TestUsers.RECORDER)
                .post("/api/programmes/" + programme + "/participants/0301/declaration", SIGNED);
        Answer retracted = ledger.as(TestUsers.REGISTRAR).post("/api/events/" + signed.eventId() + "/retraction",
                Map.of("reason", "registered in error", "retractedOn", "2020-06-20"));
        assertThat(retracted.status()).as(retracted.toString()).isEqualTo(201);
    }

    @Test
    void historyAndSingleEventsAreForAuditors() {
        Answer signed = ledger.as(TestUsers.RECORDER).post("/api/programmes/" + aksonLikeProgramme()
                + "/participants/0301/declaration", SIGNED);

        assertProblem(ledger.anonymous().get("/api/municipalities/0301/history"), 401, "credentials-required");
        assertProblem(ledger.as(TestUsers.RECORDER).get("/api/municipalities/0301/history"), 403, "role-required");
        assertProblem(ledger.anonymous().get("/api/events/" + signed.eventId()), 401, "credentials-required");
        assertProblem(ledger.as(TestUsers.OPERATOR).get("/api/events/" + signed.eventId()), 403, "role-required");
        assertThat(ledger.as(TestUsers.AUDITOR).get("/api/municipalities/0301/history").status()).isEqualTo(200);
        assertThat(ledger.as(TestUsers.AUDITOR).get("/api/events/" + signed.eventId()).status()).isEqualTo(200);
    }

    @Test
    void coverageParticipantsAndOwnershipArePublicByDefault() {
        LedgerClient anyone = ledger.anonymous();

        assertThat(anyone.get("/api/programmes/akson/coverage?asOf=2020-07-01").status()).isEqualTo(200);
        assertThat(anyone.get("/api/programmes/akson/participants?asOf=2020-07-01").status()).isEqualTo(200);
        assertThat(anyone.get("/api/programmes/akson/participants/0301").status()).isEqualTo(200);
        Answer ownership = anyone.get("/api/companies/no-such-company/ownership");
        assertThat(ownership.status()).isEqualTo(404);
    }

    @Test
    void probesArePublicWhileHealthDetailsAndProcessorsAreForOperators() {
        LedgerClient anyone = ledger.anonymous();

        assertThat(anyone.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(anyone.get("/actuator/health/readiness").status()).isEqualTo(200);
        Answer publicHealth = anyone.get("/actuator/health");
        assertThat(publicHealth.status()).isEqualTo(200);
        assertThat(publicHealth.body().has("components")).isFalse();
        assertThat(ledger.as(TestUsers.OPERATOR).get("/actuator/health").body().has("components")).isTrue();

        assertProblem(anyone.get("/actuator/processors"), 401, "credentials-required");
        assertProblem(ledger.as(TestUsers.AUDITOR).get("/actuator/processors"), 403, "role-required");
        assertThat(ledger.as(TestUsers.OPERATOR).get("/actuator/processors").status()).isEqualTo(200);
    }

    @Test
    void answersCarrySpringSecuritysDefaultHeaders() {
        LedgerClient anyone = ledger.anonymous();
        Answer coverage = anyone.get("/api/programmes/akson/coverage");

        assertThat(coverage.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(coverage.headers().firstValue("X-Frame-Options")).hasValue("DENY");
        // Answers are the ledger's to cache (see CacheableAnswersTest); refusals keep Spring Security's no-store.
        assertThat(coverage.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(anyone.get("/api/municipalities/0301/history").headers().firstValue("Cache-Control"))
                .hasValueSatisfying(value -> assertThat(value).contains("no-store"));
    }

    @Test
    void noOriginMayCallTheApiFromABrowserUnlessConfigured() {
        Answer preflight = ledger.anonymous().send(ledger.anonymous().request("/api/programmes/akson/coverage")
                .header("Origin", "https://evil.example")
                .header("Access-Control-Request-Method", "GET")
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build());

        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }
}
