package no.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The write side of the API over HTTP: one POST a decision, broken rules as problem documents. */
class DecisionApiTest extends LedgerIntegrationTest {

    private static final Map<String, String> SIGNED_JUNE_15 = Map.of("signedOn", "2020-06-15",
            "decisionReference", "PS 12/20", "signatory", "ordfører");

    @Autowired
    private JdbcTemplate jdbc;

    private static String participant(String programme, String number) {
        return "/api/programmes/" + programme + "/participants/" + number;
    }

    private static void assertProblem(Answer answer, int status, String rule, String field) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().path("rule").asText()).isEqualTo(rule);
        assertThat(answer.body().path("status").asInt()).isEqualTo(status);
        assertThat(answer.body().path("detail").asText()).isNotBlank();
        if (field == null) {
            assertThat(answer.body().has("field")).isFalse();
        } else {
            assertThat(answer.body().path("field").asText()).isEqualTo(field);
        }
    }

    private long recordedEvents() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM domain_event_entry", Long.class);
    }

    @Test
    void osloSignsAksonsDeclarationBeforeTheDeadline() {
        Answer signed = ledger.post(participant("akson", "0301") + "/declaration", SIGNED_JUNE_15);

        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        Answer event = ledger.get("/api/events/" + signed.eventId());
        assertThat(event.status()).isEqualTo(200);
        assertThat(event.body().path("type").asText()).isEqualTo("DeclarationSigned");
        assertThat(event.body().path("recordedBy").asText()).isEqualTo(TestUsers.EVERY_ROLE);
        assertThat(event.body().path("aggregateId").asText()).isEqualTo("participation:akson:0301");
        assertThat(event.body().path("payload").path("signedOn").asText()).isEqualTo("2020-06-15");
        assertThat(event.body().path("payload").path("signatory").asText()).isEqualTo("ordfører");
    }

    @Test
    void trondheimIsOutsideAksonsScope() {
        long before = recordedEvents();

        Answer refused = ledger.post(participant("akson", "5001") + "/declaration", SIGNED_JUNE_15);

        assertProblem(refused, 422, "municipality-in-programme-scope", "number");
        assertThat(recordedEvents()).isEqualTo(before);
    }

    @Test
    void bergenSignsAfterTheDeadlineOnlyOnceAnExtensionIsGranted() {
        Map<String, String> signedJuly5 = Map.of("signedOn", "2020-07-05", "decisionReference", "BY 7/20",
                "signatory", "ordfører");

        assertProblem(ledger.post(participant("akson", "4601") + "/declaration", signedJuly5), 409,
                "sign-by-deadline", "signedOn");
        Answer extended = ledger.post(participant("akson", "4601") + "/extension", Map.of("grantedOn",
                "2020-06-30", "newDeadline", "2020-07-07", "reason", "bystyret møtes 6. juli"));
        assertThat(extended.status()).as(extended.toString()).isEqualTo(201);
        Answer signed = ledger.post(participant("akson", "4601") + "/declaration", signedJuly5);
        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
    }

    @Test
    void signingTwiceIsAConflict() {
        String programme = aksonLikeProgramme();
        assertThat(ledger.post(participant(programme, "1103") + "/declaration", SIGNED_JUNE_15).status())
                .isEqualTo(201);
        long before = recordedEvents();

        assertProblem(ledger.post(participant(programme, "1103") + "/declaration", SIGNED_JUNE_15), 409,
                "sign-once", null);
        assertThat(recordedEvents()).isEqualTo(before);
    }

    @Test
    void everyDecisionOfAParticipationHasItsPost() {
        String programme = aksonLikeProgramme();
        String stavanger = participant(programme, "1103");
        String tromso = participant(programme, "5401");

        assertThat(ledger.post(stavanger + "/invitation", Map.of("invitedOn", "2020-04-24", "reference",
                "20/1554")).status()).isEqualTo(201);
        assertThat(ledger.post(stavanger + "/declaration", SIGNED_JUNE_15).status()).isEqualTo(201);
        assertThat(ledger.post(stavanger + "/declaration/withdrawal", Map.of("withdrawnOn", "2020-09-01",
                "reason", "nytt bystyre")).status()).isEqualTo(201);
        assertThat(ledger.post(stavanger + "/option", Map.of("enteredOn", "2020-11-01", "decisionReference",
                "PS 50/20", "expiresOn", "2021-12-31")).status()).isEqualTo(201);
        assertThat(ledger.post(stavanger + "/option/exercise", Map.of("exercisedOn", "2021-06-01",
                "decisionReference", "PS 20/21")).status()).isEqualTo(201);
        assertThat(ledger.post(tromso + "/commitment", Map.of("enteredOn", "2020-11-15", "decisionReference",
                "PS 60/20")).status()).isEqualTo(201);
        assertThat(ledger.post(participant(programme, "0301") + "/option", Map.of("enteredOn", "2020-11-01",
                "decisionReference", "PS 1/20")).status()).isEqualTo(201);
        assertThat(ledger.post(participant(programme, "0301") + "/option/lapse", Map.of("lapsedOn", "2021-11-01",
                "reason", "går ikke videre")).status()).isEqualTo(201);
    }

    @Test
    void exercisingAnOptionThatDoesNotExistIsAConflict() {
        String programme = aksonLikeProgramme();

        assertProblem(ledger.post(participant(programme, "0301") + "/option/exercise", Map.of("exercisedOn",
                "2021-06-01", "decisionReference", "PS 20/21")), 409, "option-in-force", null);
    }

    @Test
    void aCompanyIssuesAndTransfersSharesButNeverMoreThanTheSenderHolds() {
        String company = unique("akson-journal");
        assertThat(ledger.post("/api/companies", Map.of("id", company, "name", "Akson journal AS", "foundedOn",
                "2021-07-01")).status()).isEqualTo(201);
        String issues = "/api/companies/" + company + "/share-issues";
        String transfers = "/api/companies/" + company + "/share-transfers";

        for (String owner : new String[] {"0301", "KS", "STATE", "helse-midt-norge-rhf"}) {
            Answer issued = ledger.post(issues, Map.of("owner", owner, "shares", 100, "issuedOn", "2021-07-01"));
            assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        }
        assertThat(ledger.post(transfers, Map.of("from", "0301", "to", "4601", "shares", 40, "transferredOn",
                "2021-08-01")).status()).isEqualTo(201);
        assertProblem(ledger.post(transfers, Map.of("from", "0301", "to", "4601", "shares", 61, "transferredOn",
                "2021-08-02")), 409, "transfer-at-most-holding", "shares");
        assertProblem(ledger.post(issues, Map.of("owner", "9999", "shares", 1, "issuedOn", "2021-09-01")), 404,
                "municipality-registered", "owner");
        assertProblem(ledger.post("/api/companies/" + unique("none") + "/share-issues", Map.of("owner", "KS",
                "shares", 1, "issuedOn", "2021-09-01")), 404, "company-founded", "company");
        assertProblem(ledger.post("/api/companies", Map.of("id", company, "name", "Akson journal AS",
                "foundedOn", "2021-07-01")), 409, "company-founded-once", "id");
    }

    @Test
    void registersAMunicipalityOnceAndCountsItsPopulation() {
        String number = unusedMunicipalityNumber();
        Map<String, String> registration = Map.of("number", number, "name", "Nykommune", "county", "Viken",
                "healthRegion", "SOR_OST");

        assertThat(ledger.post("/api/municipalities", registration).status()).isEqualTo(201);
        assertProblem(ledger.post("/api/municipalities", registration), 409, "municipality-registered-once",
                "number");
        assertThat(ledger.post("/api/municipalities/" + number + "/population", Map.of("population", 1200,
                "countedOn", "2021-01-01")).status()).isEqualTo(201);
        assertProblem(ledger.post("/api/municipalities/" + number + "/population", Map.of("population", 1300,
                "countedOn", "2021-01-01")), 409, "one-population-count-per-date", "countedOn");
        assertProblem(ledger.post("/api/municipalities/" + number + "/population", Map.of("population", -1,
                "countedOn", "2022-01-01")), 400, "positive-or-zero", "population");
        assertProblem(ledger.post("/api/municipalities", Map.of("number", unusedMunicipalityNumber(), "name",
                "X", "county", "Viken", "healthRegion", "OSLO")), 400, "format", "healthRegion");
    }

    @Test
    void aProgrammeIsDefinedOnceWithThresholdsBetweenZeroAndOne() {
        assertProblem(ledger.post("/api/programmes", Map.of("id", "akson", "name", "Akson", "scopeRegions",
                        java.util.List.of("NORD"), "declarationDeadline", "2020-07-01", "thresholds",
                        Map.of("declaration", 0.5, "commitment", 0.55, "procurement", 0.85))), 409,
                "programme-defined-once", "id");
        assertProblem(ledger.post("/api/programmes", Map.of("id", unique("p"), "name", "P", "scopeRegions",
                        java.util.List.of("NORD"), "declarationDeadline", "2020-07-01", "thresholds",
                        Map.of("declaration", 1.5, "commitment", 0.55, "procurement", 0.85))), 400,
                "decimal-max", "thresholds.declaration");
    }

    @Test
    void aRetractionMendsADecisionOnce() {
        String programme = aksonLikeProgramme();
        String signature = ledger.post(participant(programme, "1106") + "/declaration", SIGNED_JUNE_15).eventId();
        Map<String, String> retraction = Map.of("reason", "signed by the wrong body", "retractedOn", "2020-08-01");

        Answer retracted = ledger.post("/api/events/" + signature + "/retraction", retraction);
        assertThat(retracted.status()).as(retracted.toString()).isEqualTo(201);
        assertThat(ledger.get("/api/events/" + retracted.eventId()).body().path("type").asText())
                .isEqualTo("ParticipationDecisionRetracted");
        assertProblem(ledger.post("/api/events/" + signature + "/retraction", retraction), 409, "retract-once",
                "eventId");
        assertProblem(ledger.post("/api/events/" + retracted.eventId() + "/retraction", retraction), 409,
                "only-decisions-retractable", "eventId");
        assertProblem(ledger.post("/api/events/no-such-event/retraction", retraction), 404, "event-recorded",
                "eventId");
        // After the retraction the municipality can sign as if it never had.
        assertThat(ledger.post(participant(programme, "1106") + "/declaration", SIGNED_JUNE_15).status())
                .isEqualTo(201);
    }

    @Test
    void theContractIsPublishedAsOpenApi() {
        Answer document = ledger.get("/v3/api-docs");

        assertThat(document.status()).isEqualTo(200);
        assertThat(document.body().path("paths").has("/api/programmes/{programme}/participants/{number}/declaration"))
                .isTrue();
        assertThat(document.body().path("paths").has("/api/programmes/{programme}/coverage")).isTrue();
        assertThat(ledger.get("/swagger-ui.html").status()).isIn(200, 302);
    }

    @Test
    void badInputIsA4xxNamingTheFieldAndTheRule() {
        String declaration = participant("akson", "1101") + "/declaration";
        long before = recordedEvents();

        assertProblem(ledger.post(declaration, "{\"signedOn\": "), 400, "readable-json", null);
        assertProblem(ledger.post(declaration, ""), 400, "readable-json", null);
        assertProblem(ledger.post(declaration, Map.of("signedOn", "2020-06-15", "decisionReference", "PS 1/20")),
                400, "required", "signatory");
        assertProblem(ledger.post(declaration, Map.of("signedOn", "15.06.2020", "decisionReference", "PS 1/20",
                "signatory", "ordfører")), 400, "format", "signedOn");
        assertProblem(ledger.post(declaration, Map.of("signedOn", "2020-06-15", "decisionReference", "PS 1/20",
                "signatory", "ordfører", "signed", true)), 400, "known-field", "signed");
        assertProblem(ledger.post(participant("akson", "301") + "/declaration", SIGNED_JUNE_15), 400, "format",
                "number");
        assertProblem(ledger.post(participant("akson", "9999") + "/declaration", SIGNED_JUNE_15), 404,
                "municipality-registered", "number");
        assertProblem(ledger.post(participant("no-such-programme", "0301") + "/declaration", SIGNED_JUNE_15), 404,
                "programme-defined", "programme");
        assertProblem(ledger.post(participant("Akson", "0301") + "/declaration", SIGNED_JUNE_15), 400, "format",
                "programme");
        assertProblem(ledger.post(declaration, Map.of("signedOn", "2020-06-15", "decisionReference", "x".repeat(300),
                "signatory", "ordfører")), 422, "text-length", "decisionReference");
        assertProblem(ledger.get("/api/no-such-resource"), 404, "not-found", null);
        assertThat(recordedEvents()).isEqualTo(before);
    }
}
