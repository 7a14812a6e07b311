package no.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Listings of programmes, municipalities and companies, and paging of listings and histories. */
class ListingTest extends LedgerIntegrationTest {

    @Autowired
    private ProjectionProgress progress;

    private Answer follow(String nextLink) {
        URI next = URI.create(nextLink);
        return ledger.get(next.getRawPath() + "?" + next.getRawQuery());
    }

    private static List<String> numbers(Answer listing) {
        List<String> numbers = new ArrayList<>();
        listing.body().path("municipalities").forEach(row -> numbers.add(row.path("number").asText()));
        return numbers;
    }

    @Test
    void municipalitiesArePagedInNumberOrderWithALinkToTheNextPage() {
        Answer first = ledger.anonymous().get("/api/municipalities?asOf=2020-07-01");

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.body().path("asOf").asText()).isEqualTo("2020-07-01");
        assertThat(first.body().path("knownAt").asText()).isNotBlank();
        assertThat(first.body().path("count").asInt()).isEqualTo(100);
        assertThat(numbers(first)).first().isEqualTo("0301");
        JsonNode oslo = first.body().path("municipalities").path(0);
        assertThat(oslo.path("name").asText()).isEqualTo("Oslo");
        assertThat(oslo.path("healthRegion").asText()).isEqualTo("SOR_OST");
        assertThat(oslo.path("population").asLong()).isGreaterThan(600_000);
        String next = first.body().path("next").asText();
        assertThat(next).startsWith("http://localhost:").contains("after=" + numbers(first).get(99))
                .contains("knownAt=" + first.body().path("knownAt").asText()).contains("limit=100");

        Answer second = follow(next);
        assertThat(second.status()).isEqualTo(200);
        assertThat(numbers(second).get(0)).isGreaterThan(numbers(first).get(99));
        assertThat(second.body().path("knownAt").asText()).isEqualTo(first.body().path("knownAt").asText());
    }

    @Test
    void municipalitiesAreFilteredByHealthRegionAndCounty() {
        Answer midt = ledger.get("/api/municipalities?healthRegion=MIDT&limit=1000&asOf=2020-07-01");

        assertThat(midt.body().path("municipalities")).allSatisfy(row ->
                assertThat(row.path("healthRegion").asText()).isEqualTo("MIDT"));
        assertThat(midt.body().path("next").isNull()).isTrue();
        String county = midt.body().path("municipalities").path(0).path("county").asText();
        Answer inCounty = ledger.get("/api/municipalities?limit=1000&asOf=2020-07-01&county="
                + java.net.URLEncoder.encode(county, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(inCounty.body().path("count").asInt()).isPositive();
        assertThat(inCounty.body().path("municipalities")).allSatisfy(row ->
                assertThat(row.path("county").asText()).isEqualTo(county));
    }

    @Test
    void aMunicipalityIsListedFromItsRegistrationAsTheLedgerKnewIt() {
        String number = unusedMunicipalityNumber();
        Instant beforeRecording = Instant.now();
        Answer registered = ledger.post("/api/municipalities", Map.of("number", number, "name", "Nykommune",
                "county", "Testfylke", "healthRegion", "NORD", "registeredOn", "2024-01-01"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        progress.awaitCaughtUp(Duration.ofSeconds(60));

        String inTestfylke = "/api/municipalities?county=Testfylke&limit=1000";
        assertThat(numbers(ledger.get(inTestfylke + "&asOf=2024-01-01"))).contains(number);
        assertThat(numbers(ledger.get(inTestfylke + "&asOf=2023-12-31"))).doesNotContain(number);
        assertThat(numbers(ledger.get(inTestfylke + "&asOf=2024-01-01&knownAt=" + beforeRecording)))
                .doesNotContain(number);
    }

    @Test
    void programmesAndCompaniesAreListedFromTheirDefinitionAndFounding() {
        String programme = aksonLikeProgramme();
        String company = unique("selskap");
        assertThat(ledger.post("/api/companies", Map.of("id", company, "name", "Selskap AS",
                "foundedOn", "2021-06-01")).status()).isEqualTo(201);
        progress.awaitCaughtUp(Duration.ofSeconds(60));

        Answer programmes = ledger.anonymous().get("/api/programmes?limit=1000");
        assertThat(programmes.status()).isEqualTo(200);
        assertThat(programmes.body().findValuesAsText("id")).contains("akson", "helseplattformen", programme);
        JsonNode akson = programmes.body().path("programmes").path(0);
        assertThat(programmes.body().path("asOf").asText()).isNotBlank();
        assertThat(ledger.get("/api/programmes?limit=1000&asOf=2020-04-23").body().findValuesAsText("id"))
                .doesNotContain(programme);
        assertThat(akson.path("declarationDeadline").asText()).isNotBlank();

        Answer companies = ledger.anonymous().get("/api/companies?limit=1000&asOf=2021-06-01");
        assertThat(companies.status()).isEqualTo(200);
        assertThat(companies.body().findValuesAsText("id")).contains(company);
        assertThat(ledger.get("/api/companies?limit=1000&asOf=2021-05-31").body().findValuesAsText("id"))
                .doesNotContain(company);
    }

    @Test
    void aHistoryIsPagedByAnOpaqueCursor() {
        String number = unusedMunicipalityNumber();
        ledger.post("/api/municipalities", Map.of("number", number, "name", "Historikk", "county", "Testfylke",
                "healthRegion", "NORD", "registeredOn", "2020-01-01"));
        for (String countedOn : List.of("2020-01-01", "2021-01-01", "2022-01-01")) {
            ledger.post("/api/municipalities/" + number + "/population", Map.of("population", 1000,
                    "countedOn", countedOn));
        }
        // The history shows the four events once its read model has folded them.
        long deadline = System.currentTimeMillis() + 10_000;
        while (ledger.get("/api/municipalities/" + number + "/history").body().findValuesAsText("eventId").size() < 4
                && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        List<String> paged = new ArrayList<>();
        Answer page = ledger.get("/api/municipalities/" + number + "/history?limit=3");
        page.body().path("events").forEach(event -> paged.add(event.path("eventId").asText()));
        assertThat(paged).hasSize(3);
        page = follow(page.body().path("next").asText());
        page.body().path("events").forEach(event -> paged.add(event.path("eventId").asText()));
        assertThat(page.body().path("next").isNull()).isTrue();

        Answer whole = ledger.get("/api/municipalities/" + number + "/history");
        assertThat(whole.body().findValuesAsText("eventId")).containsExactlyElementsOf(paged).hasSize(4);
    }

    @Test
    void badPagingParametersAre400NamingTheField() {
        assertBadParameter(ledger.get("/api/municipalities?limit=0"), "limit", "page-limit");
        assertBadParameter(ledger.get("/api/programmes?limit=1001"), "limit", "page-limit");
        assertBadParameter(ledger.get("/api/companies?limit=many"), "limit", "format");
        assertBadParameter(ledger.get("/api/municipalities?after=Oslo"), "after", "page-cursor");
        assertBadParameter(ledger.get("/api/municipalities/0301/history?after=not-a-cursor"), "after", "page-cursor");
    }

    private static void assertBadParameter(Answer answer, String field, String rule) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().path("field").asText()).isEqualTo(field);
        assertThat(answer.body().path("rule").asText()).isEqualTo(rule);
    }
}
