package no.ledger.api.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.projection.ProjectionReplay;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

/**
 * Akson's story told through the API, then every read model checked to the inhabitant at several dates and at an
 * instant between two recordings. The service has a database of its own here: the reference data and this story
 * only, so the numbers are exact.
 *
 * <p>The story (populations of 1 January 2020): Bodø (52,357) signs on 10 June, Oslo (693,494) on 15 June, Tromsø
 * (76,974) on 20 June, Stavanger (143,574) on 30 June. Bergen (283,929) gets an extension to 7 July and signs on
 * 5 July; Kristiansand, without one, cannot sign on 3 July. Tromsø withdraws on 1 September. Stavanger and Tromsø
 * enter options (Tromsø's expires on 31 March 2021), Oslo commits on 1 December 2020, Bergen on 1 February 2021;
 * Bodø is counted again on 1 January 2021 (52,803). Then, <em>after the instant {@code beforeCorrections}</em>:
 * Drammen's signature of 25 June 2020 (101,386) is registered late, Bergen's commitment is retracted as recorded in
 * error, and Stavanger exercises its option on 1 June 2021. Akson journal AS is founded on 1 July 2021.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// A context, and so a database, of its own: the reference data and this story only.
@TestPropertySource(properties = "ledger.test.context=read-model-scenario")
class ReadModelScenarioTest extends LedgerIntegrationTest {

    private static final long AKSON_POPULATION_2020 = 4_632_214;
    private static final long AKSON_POPULATION_2021 = AKSON_POPULATION_2020 - 52_357 + 52_803;

    @LocalServerPort
    private int port;
    @Autowired
    private ProjectionProgress progress;
    @Autowired
    private ProjectionReplay replay;

    private LedgerClient client;
    private Instant beforeAnyDecision;
    private Instant beforeCorrections;
    private Instant beforeShareRetraction;
    private Instant afterStory;
    private String bergenCommitment;
    private String tromsoShareIssue;
    private String tromsoShareRetraction;

    private static String akson(String number) {
        return "/api/programmes/akson/participants/" + number;
    }

    private void recorded(String path, Map<String, ?> body) {
        Answer answer = client.post(path, body);
        assertThat(answer.status()).as(path + " " + answer).isEqualTo(201);
    }

    private String recordedEvent(String path, Map<String, ?> body) {
        Answer answer = client.post(path, body);
        assertThat(answer.status()).as(path + " " + answer).isEqualTo(201);
        return answer.eventId();
    }

    private static Map<String, String> signed(String on) {
        return Map.of("signedOn", on, "decisionReference", "PS " + on, "signatory", "ordfører");
    }

    /** An instant strictly between what was recorded before and what is recorded after. */
    private Instant instantBetweenRecordings() throws InterruptedException {
        Thread.sleep(5);
        Instant now = Instant.now();
        Thread.sleep(5);
        return now;
    }

    @BeforeAll
    void tellTheStory() throws InterruptedException {
        client = new LedgerClient(port);
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        beforeAnyDecision = instantBetweenRecordings();

        recorded(akson("1804") + "/declaration", signed("2020-06-10"));
        recorded(akson("0301") + "/declaration", signed("2020-06-15"));
        recorded(akson("5401") + "/declaration", signed("2020-06-20"));
        recorded(akson("1103") + "/declaration", signed("2020-06-30"));
        recorded(akson("4601") + "/extension", Map.of("grantedOn", "2020-06-29", "newDeadline", "2020-07-07",
                "reason", "bystyret møtes 6. juli"));
        recorded(akson("4601") + "/declaration", signed("2020-07-05"));
        assertThat(client.post(akson("4204") + "/declaration", signed("2020-07-03")).status()).isEqualTo(409);
        recorded(akson("5401") + "/declaration/withdrawal", Map.of("withdrawnOn", "2020-09-01", "reason",
                "nytt kommunestyre"));
        recorded(akson("1103") + "/option", Map.of("enteredOn", "2020-11-01", "decisionReference", "PS 80/20",
                "expiresOn", "2021-12-31"));
        recorded(akson("5401") + "/option", Map.of("enteredOn", "2020-11-15", "decisionReference", "PS 81/20",
                "expiresOn", "2021-03-31"));
        recorded(akson("0301") + "/commitment", Map.of("enteredOn", "2020-12-01", "decisionReference", "BY 90/20"));
        bergenCommitment = recordedEvent(akson("4601") + "/commitment", Map.of("enteredOn", "2021-02-01",
                "decisionReference", "BY 3/21"));
        recorded("/api/municipalities/1804/population", Map.of("population", 52_803, "countedOn", "2021-01-01"));

        beforeCorrections = instantBetweenRecordings();
        recorded(akson("3005") + "/declaration", signed("2020-06-25"));
        recorded("/api/events/" + bergenCommitment + "/retraction", Map.of("reason", "recorded in error",
                "retractedOn", "2021-03-15"));
        recorded(akson("1103") + "/option/exercise", Map.of("exercisedOn", "2021-06-01", "decisionReference",
                "PS 40/21"));

        recorded("/api/companies", Map.of("id", "akson-journal", "name", "Akson journal AS", "foundedOn",
                "2021-07-01"));
        for (Map.Entry<String, Integer> owner : Map.of("0301", 500, "4601", 200, "KS", 150, "STATE", 150)
                .entrySet()) {
            recorded("/api/companies/akson-journal/share-issues", Map.of("owner", owner.getKey(), "shares",
                    owner.getValue(), "issuedOn", "2021-07-01"));
        }
        recorded("/api/companies/akson-journal/share-transfers", Map.of("from", "0301", "to", "1103", "shares", 100,
                "transferredOn", "2021-09-01"));
        tromsoShareIssue = recordedEvent("/api/companies/akson-journal/share-issues", Map.of("owner", "5401",
                "shares", 50, "issuedOn", "2021-10-01"));
        beforeShareRetraction = instantBetweenRecordings();
        tromsoShareRetraction = recordedEvent("/api/events/" + tromsoShareIssue + "/retraction", Map.of("reason",
                "Tromsø has not joined", "retractedOn", "2021-10-05"));

        afterStory = instantBetweenRecordings();
        progress.awaitCaughtUp(Duration.ofSeconds(60));
    }

    private JsonNode coverage(String asOf, Instant knownAt) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("asOf", asOf);
        if (knownAt != null) {
            query.put("knownAt", knownAt.toString());
        }
        Answer answer = client.get("/api/programmes/akson/coverage", query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    private static void assertCount(JsonNode count, int municipalities, long population, String share) {
        assertThat(count.path("municipalities").asInt()).as(count.toString()).isEqualTo(municipalities);
        assertThat(count.path("population").asLong()).as(count.toString()).isEqualTo(population);
        assertThat(count.path("share").decimalValue()).as(count.toString()).isEqualByComparingTo(share);
    }

    @Test
    @Order(1)
    void withOnlyTheReferenceDataAksonCoversItsWholeScopeAtZeroPercent() {
        JsonNode coverage = coverage("2020-07-01", beforeAnyDecision);

        assertThat(coverage.path("scope").path("municipalities").asInt()).isEqualTo(291);
        assertThat(coverage.path("scope").path("population").asLong()).isEqualTo(AKSON_POPULATION_2020);
        for (String count : List.of("declarations", "commitments", "options", "procurement")) {
            assertCount(coverage.path(count), 0, 0, "0");
            assertThat(coverage.path(count).path("thresholdMet").asBoolean()).isFalse();
        }
        assertThat(coverage.path("byRegion").path("MIDT").isMissingNode()).isTrue();
        assertThat(coverage.path("byRegion").path("SOR_OST").path("scope").path("municipalities").asInt())
                .isEqualTo(146);
        assertThat(coverage.path("byRegion").path("VEST").path("scope").path("population").asLong())
                .isEqualTo(1_116_423);
    }

    @Test
    @Order(2)
    void declarationsByTheDeadlineAsTheLedgerKnewThemThenAndAsItKnowsThemNow() {
        JsonNode knownThen = coverage("2020-07-01", beforeCorrections);
        assertCount(knownThen.path("declarations"), 4, 966_399, "0.2086");
        assertThat(knownThen.path("asOf").asText()).isEqualTo("2020-07-01");
        assertThat(Instant.parse(knownThen.path("knownAt").asText())).isEqualTo(beforeCorrections);

        JsonNode knownNow = coverage("2020-07-01", afterStory);
        assertCount(knownNow.path("declarations"), 5, 1_067_785, "0.2305");
        assertThat(knownNow.path("declarations").path("threshold").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(knownNow.path("declarations").path("thresholdMet").asBoolean()).isFalse();
        assertCount(knownNow.path("byRegion").path("NORD").path("declarations"), 2, 129_331, "0.2677");
        assertCount(knownNow.path("byRegion").path("VEST").path("declarations"), 1, 143_574, "0.1286");

        assertCount(coverage("2020-06-14", afterStory).path("declarations"), 1, 52_357, "0.0113");
        assertCount(coverage("2020-07-07", afterStory).path("declarations"), 6, 1_351_714, "0.2918");
        assertCount(coverage("2020-09-01", afterStory).path("declarations"), 5, 1_274_740, "0.2752");
    }

    @Test
    @Order(3)
    void optionsAndCommitmentsOverTimeWithARetractionKnownOnlyAfterItWasRecorded() {
        JsonNode endOf2020 = coverage("2020-12-31", afterStory);
        assertCount(endOf2020.path("options"), 2, 220_548, "0.0476");
        assertCount(endOf2020.path("commitments"), 1, 693_494, "0.1497");

        JsonNode april2021KnownThen = coverage("2021-04-01", beforeCorrections);
        assertThat(april2021KnownThen.path("scope").path("population").asLong()).isEqualTo(AKSON_POPULATION_2021);
        assertCount(april2021KnownThen.path("commitments"), 2, 977_423, "0.2110");
        assertCount(april2021KnownThen.path("options"), 1, 143_574, "0.0310");

        JsonNode april2021KnownNow = coverage("2021-04-01", afterStory);
        assertCount(april2021KnownNow.path("commitments"), 1, 693_494, "0.1497");
        assertCount(april2021KnownNow.path("procurement"), 1, 693_494, "0.1497");

        JsonNode june2021 = coverage("2021-06-01", afterStory);
        assertCount(june2021.path("commitments"), 2, 837_068, "0.1807");
        assertCount(june2021.path("options"), 0, 0, "0");
        assertCount(june2021.path("declarations"), 5, 1_275_186, "0.2753");
        assertThat(june2021.path("commitments").path("threshold").decimalValue()).isEqualByComparingTo("0.55");
        assertThat(june2021.path("procurement").path("threshold").decimalValue()).isEqualByComparingTo("0.85");
    }

    private List<String> participantNumbers(Map<String, String> query) {
        Answer answer = client.get("/api/programmes/akson/participants", query);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        assertThat(answer.body().path("count").asInt()).isEqualTo(answer.body().path("participants").size());
        List<String> numbers = new ArrayList<>();
        answer.body().path("participants").forEach(row -> numbers.add(row.path("number").asText()));
        return numbers;
    }

    @Test
    @Order(4)
    void participantsFilteredByDeclarationAndAgreement() {
        String now = afterStory.toString();
        assertThat(participantNumbers(Map.of("asOf", "2020-07-07", "knownAt", now, "declaration", "SIGNED")))
                .containsExactly("0301", "1103", "1804", "3005", "4601", "5401");
        assertThat(participantNumbers(Map.of("asOf", "2020-09-01", "knownAt", now, "declaration", "WITHDRAWN")))
                .containsExactly("5401");
        assertThat(participantNumbers(Map.of("asOf", "2020-12-31", "knownAt", now, "agreement", "OPTION")))
                .containsExactly("1103", "5401");
        assertThat(participantNumbers(Map.of("asOf", "2021-06-01", "knownAt", now, "agreement", "COMMITMENT")))
                .containsExactly("0301", "1103");
        assertThat(participantNumbers(Map.of("asOf", "2020-07-01", "knownAt", now))).hasSize(291);
        assertThat(participantNumbers(Map.of("asOf", "2020-07-01", "knownAt", now, "declaration", "NOT_SIGNED")))
                .hasSize(286);
    }

    @Test
    @Order(5)
    void aParticipantWithTheDatesOfItsDecisions() {
        Answer stavanger = client.get(akson("1103"), Map.of("asOf", "2021-06-01"));
        assertThat(stavanger.status()).isEqualTo(200);
        JsonNode row = stavanger.body();
        assertThat(row.path("name").asText()).isEqualTo("Stavanger");
        assertThat(row.path("population").asLong()).isEqualTo(143_574);
        assertThat(row.path("declaration").asText()).isEqualTo("SIGNED");
        assertThat(row.path("deadline").asText()).isEqualTo("2020-07-01");
        assertThat(row.path("agreement").asText()).isEqualTo("COMMITMENT");
        assertThat(row.path("viaOption").asBoolean()).isTrue();
        assertThat(row.path("invitedOn").asText()).isEqualTo("2020-04-24");
        assertThat(row.path("signedOn").asText()).isEqualTo("2020-06-30");
        assertThat(row.path("optionEnteredOn").asText()).isEqualTo("2020-11-01");
        assertThat(row.path("optionExercisedOn").asText()).isEqualTo("2021-06-01");
        assertThat(row.path("commitmentEnteredOn").asText()).isEqualTo("2021-06-01");

        JsonNode bergen = client.get(akson("4601"), Map.of("asOf", "2020-07-06")).body();
        assertThat(bergen.path("deadline").asText()).isEqualTo("2020-07-07");
        assertThat(bergen.path("extensionGrantedOn").asText()).isEqualTo("2020-06-29");
        assertThat(bergen.path("declaration").asText()).isEqualTo("SIGNED");
        JsonNode bergenBeforeExtension = client.get(akson("4601"), Map.of("asOf", "2020-06-28")).body();
        assertThat(bergenBeforeExtension.path("deadline").asText()).isEqualTo("2020-07-01");
        assertThat(bergenBeforeExtension.path("declaration").asText()).isEqualTo("NOT_SIGNED");

        JsonNode tromsoAfterExpiry = client.get(akson("5401"), Map.of("asOf", "2021-04-01")).body();
        assertThat(tromsoAfterExpiry.path("agreement").asText()).isEqualTo("NONE");
        assertThat(tromsoAfterExpiry.path("declaration").asText()).isEqualTo("WITHDRAWN");
        assertThat(tromsoAfterExpiry.path("optionExpiresOn").asText()).isEqualTo("2021-03-31");
        assertThat(client.get(akson("5401"), Map.of("asOf", "2021-03-31")).body().path("agreement").asText())
                .isEqualTo("OPTION");

        assertThat(client.get(akson("5001"), Map.of()).status()).isEqualTo(404);
    }

    private JsonNode ownership(String asOf, Instant knownAt) {
        Answer answer = client.get("/api/companies/akson-journal/ownership", Map.of("asOf", asOf, "knownAt",
                knownAt.toString()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.body();
    }

    private static Map<String, Long> holdings(JsonNode ownership) {
        Map<String, Long> holdings = new LinkedHashMap<>();
        ownership.path("owners").forEach(owner -> holdings.put(owner.path("owner").asText(),
                owner.path("shares").asLong()));
        return holdings;
    }

    @Test
    @Order(6)
    void ownershipAfterIssuesTransfersAndARetractedIssue() {
        JsonNode beforeFounding = ownership("2021-06-30", afterStory);
        assertThat(beforeFounding.path("totalShares").asLong()).isZero();
        assertThat(beforeFounding.path("owners").size()).isZero();
        assertThat(beforeFounding.path("municipalMajority").asBoolean()).isFalse();

        JsonNode founded = ownership("2021-08-01", afterStory);
        assertThat(holdings(founded)).containsExactly(Map.entry("0301", 500L), Map.entry("4601", 200L),
                Map.entry("KS", 150L), Map.entry("STATE", 150L));
        assertThat(founded.path("owners").path(0).path("share").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(founded.path("owners").path(0).path("kind").asText()).isEqualTo("MUNICIPALITY");
        assertThat(founded.path("totals").path("MUNICIPALITY").path("shares").asLong()).isEqualTo(700);
        assertThat(founded.path("totals").path("MUNICIPALITY").path("share").decimalValue())
                .isEqualByComparingTo("0.7");
        assertThat(founded.path("totals").path("KS").path("shares").asLong()).isEqualTo(150);
        assertThat(founded.path("totals").path("STATE").path("share").decimalValue()).isEqualByComparingTo("0.15");
        assertThat(founded.path("municipalMajority").asBoolean()).isTrue();

        JsonNode knownBeforeRetraction = ownership("2021-10-01", beforeShareRetraction);
        assertThat(knownBeforeRetraction.path("totalShares").asLong()).isEqualTo(1050);
        assertThat(holdings(knownBeforeRetraction)).containsEntry("5401", 50L).containsEntry("0301", 400L);

        JsonNode knownNow = ownership("2021-10-01", afterStory);
        assertThat(knownNow.path("totalShares").asLong()).isEqualTo(1000);
        assertThat(holdings(knownNow)).containsExactly(Map.entry("0301", 400L), Map.entry("4601", 200L),
                Map.entry("KS", 150L), Map.entry("STATE", 150L), Map.entry("1103", 100L));
        assertThat(knownNow.path("totals").path("MUNICIPALITY").path("owners").asInt()).isEqualTo(3);

        assertThat(client.get("/api/companies/no-such-company/ownership", Map.of()).status()).isEqualTo(404);
    }

    private List<String> historyTypes(JsonNode history) {
        List<String> types = new ArrayList<>();
        history.path("events").forEach(event -> types.add(event.path("type").asText()));
        return types;
    }

    @Test
    @Order(7)
    void tromsosHistoryAcrossTheProgrammeAndTheCompany() {
        Answer answer = client.get("/api/municipalities/5401/history", Map.of("asOf", "2030-01-01", "knownAt",
                afterStory.toString()));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        JsonNode history = answer.body();
        assertThat(historyTypes(history)).containsExactly("MunicipalityRegistered", "PopulationCounted",
                "MunicipalityInvited", "DeclarationSigned", "DeclarationWithdrawn", "OptionAgreementEntered",
                "SharesIssued", "ShareDecisionRetracted");
        JsonNode signature = history.path("events").path(3);
        assertThat(signature.path("effectiveDate").asText()).isEqualTo("2020-06-20");
        assertThat(signature.path("recordedBy").asText()).isEqualTo(TestUsers.EVERY_ROLE);
        assertThat(signature.path("aggregateId").asText()).isEqualTo("participation:akson:5401");
        assertThat(signature.path("payload").path("signatory").asText()).isEqualTo("ordfører");
        assertThat(Instant.parse(signature.path("recordedAt").asText())).isBefore(beforeCorrections);
        JsonNode shareIssue = history.path("events").path(6);
        assertThat(shareIssue.path("eventId").asText()).isEqualTo(tromsoShareIssue);
        assertThat(shareIssue.path("retractedBy").asText()).isEqualTo(tromsoShareRetraction);
        assertThat(history.path("events").path(7).path("payload").path("reason").asText())
                .isEqualTo("Tromsø has not joined");

        JsonNode knownBeforeRetraction = client.get("/api/municipalities/5401/history", Map.of("asOf",
                "2030-01-01", "knownAt", beforeShareRetraction.toString())).body();
        assertThat(historyTypes(knownBeforeRetraction)).endsWith("OptionAgreementEntered", "SharesIssued");
        assertThat(knownBeforeRetraction.path("events").path(6).path("retractedBy").isNull()).isTrue();

        JsonNode asOfEndOf2020 = client.get("/api/municipalities/5401/history", Map.of("asOf", "2020-12-31",
                "knownAt", afterStory.toString())).body();
        assertThat(historyTypes(asOfEndOf2020)).endsWith("OptionAgreementEntered");

        assertThat(client.get("/api/municipalities/9999/history", Map.of()).status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void aMunicipalityJoinsTheScopeFromTheDayItIsRegistered() throws InterruptedException {
        recorded("/api/municipalities", Map.of("number", "4699", "name", "Nykommune", "county", "Vestland",
                "healthRegion", "VEST", "registeredOn", "2024-01-01"));
        recorded("/api/municipalities/4699/population", Map.of("population", 5_000, "countedOn", "2024-01-01"));
        progress.awaitCaughtUp(Duration.ofSeconds(60));

        assertThat(coverage("2020-07-01", null).path("scope").path("municipalities").asInt()).isEqualTo(291);
        JsonNode in2024 = coverage("2024-06-01", null).path("scope");
        assertThat(in2024.path("municipalities").asInt()).isEqualTo(292);
        assertThat(in2024.path("population").asLong()).isEqualTo(AKSON_POPULATION_2021 + 5_000);
    }

    @Test
    @Order(9)
    void replayingEveryReadModelFromScratchGivesTheSameAnswers() {
        List<String> questions = List.of(
                "/api/programmes/akson/coverage?asOf=2020-07-01&knownAt=" + beforeCorrections,
                "/api/programmes/akson/coverage?asOf=2021-04-01&knownAt=" + afterStory,
                "/api/programmes/akson/participants?asOf=2021-06-01&knownAt=" + afterStory,
                "/api/programmes/akson/participants/4601?asOf=2021-03-01&knownAt=" + beforeCorrections,
                "/api/companies/akson-journal/ownership?asOf=2021-10-01&knownAt=" + beforeShareRetraction,
                "/api/companies/akson-journal/ownership?asOf=2021-10-01&knownAt=" + afterStory,
                "/api/municipalities/5401/history?asOf=2030-01-01&knownAt=" + afterStory,
                "/api/municipalities/4601/history?asOf=2030-01-01&knownAt=" + beforeCorrections);
        Map<String, JsonNode> before = new LinkedHashMap<>();
        questions.forEach(question -> before.put(question, client.get(question).body()));

        replay.replayAll(Duration.ofSeconds(120));

        questions.forEach(question -> assertThat(client.get(question).body()).as(question)
                .isEqualTo(before.get(question)));
    }

    /** Coverage is counted by the database, the participants listed row by row: both must tell the same. */
    @Test
    @Order(11)
    void theCoverageOfEachRegionSumsItsParticipantsRows() {
        for (String asOf : List.of("2020-06-14", "2020-07-07", "2020-12-31", "2021-04-01", "2021-06-01")) {
            for (Instant knownAt : List.of(beforeCorrections, afterStory)) {
                Map<String, String> at = Map.of("asOf", asOf, "knownAt", knownAt.toString());
                Answer participants = client.get("/api/programmes/akson/participants", at);
                JsonNode byRegion = coverage(asOf, knownAt).path("byRegion");
                byRegion.fieldNames().forEachRemaining(region -> {
                    List<JsonNode> rows = new ArrayList<>();
                    participants.body().path("participants").forEach(row -> {
                        if (row.path("healthRegion").asText().equals(region)) {
                            rows.add(row);
                        }
                    });
                    JsonNode coverage = byRegion.path(region);
                    String where = region + " on " + asOf + " known at " + knownAt;
                    assertThat(coverage.path("scope").path("municipalities").asInt()).as(where).isEqualTo(rows.size());
                    assertSums(coverage.path("scope"), rows, row -> true, where);
                    assertSums(coverage.path("declarations"), rows,
                            row -> row.path("declaration").asText().equals("SIGNED"), where);
                    assertSums(coverage.path("commitments"), rows,
                            row -> row.path("agreement").asText().equals("COMMITMENT"), where);
                    assertSums(coverage.path("options"), rows,
                            row -> row.path("agreement").asText().equals("OPTION"), where);
                });
            }
        }
    }

    private static void assertSums(JsonNode count, List<JsonNode> rows, Predicate<JsonNode> included, String where) {
        List<JsonNode> counted = rows.stream().filter(included).toList();
        assertThat(count.path("municipalities").asInt()).as(where).isEqualTo(counted.size());
        assertThat(count.path("population").asLong()).as(where)
                .isEqualTo(counted.stream().mapToLong(row -> row.path("population").asLong()).sum());
    }

    @Test
    @Order(10)
    void theCoverageTimelineHasAPointOnEveryDateTheCoverageChangedAndAgreesWithTheCoverageThen() {
        Answer answer = client.get("/api/programmes/akson/coverage/timeline?from=2020-01-01&to=2022-12-31&knownAt="
                + afterStory);
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        List<String> dates = new ArrayList<>();
        for (JsonNode point : answer.body().path("points")) {
            String date = point.path("date").asText();
            dates.add(date);
            JsonNode coverage = coverage(date, afterStory);
            for (String count : List.of("scope", "declarations", "commitments", "options", "procurement")) {
                assertThat(point.path(count)).as(date + " " + count).isEqualTo(coverage.path(count));
            }
        }
        // Signatures, the late Bergen signature, the withdrawal, the options, Oslo's commitment, Bodø's new count,
        // Tromsø's option expiring at the end of March, and Harstad's exercise.
        assertThat(dates).containsExactly("2020-01-01", "2020-06-10", "2020-06-15", "2020-06-20", "2020-06-25",
                "2020-06-30", "2020-07-05", "2020-09-01", "2020-11-01", "2020-11-15", "2020-12-01", "2021-01-01",
                "2021-04-01", "2021-06-01");
        // The day before a change still shows the point before it.
        assertCount(coverage("2020-07-04", afterStory).path("declarations"), 5, answer.body().path("points").path(5)
                .path("declarations").path("population").asLong(), answer.body().path("points").path(5)
                .path("declarations").path("share").asText());
        JsonNode firstMet = answer.body().path("thresholdsFirstMet");
        assertThat(firstMet.path("declaration").isNull()).as(firstMet.toString()).isTrue();
        assertThat(firstMet.path("commitment").isNull()).isTrue();

        JsonNode knownBefore = client.get("/api/programmes/akson/coverage/timeline?from=2020-06-01&to=2020-06-30"
                + "&knownAt=" + beforeCorrections).body();
        assertThat(knownBefore.path("points").findValuesAsText("date"))
                .containsExactly("2020-06-01", "2020-06-10", "2020-06-15", "2020-06-20", "2020-06-30");
        assertThat(client.anonymous().get("/api/programmes/akson/coverage/timeline?from=2020-07-01&to=2020-06-01")
                .status()).isEqualTo(422);
    }
}
