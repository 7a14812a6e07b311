package no.ledger.api.csv;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** CSV for spreadsheets: the same answers as the JSON, with a byte-order mark, quoted where a cell needs it. */
class CsvExportTest extends LedgerIntegrationTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Autowired
    private ProjectionProgress progress;
    private static final String BOM = "\uFEFF";

    private HttpResponse<String> csv(LedgerClient client, String path, String accept) throws Exception {
        HttpRequest.Builder request = client.request(path).GET();
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A programme just defined, once the read models know it. */
    private String readableProgramme() throws InterruptedException {
        String programme = aksonLikeProgramme();
        for (int attempt = 0; attempt < 300; attempt++) {
            if (ledger.get("/api/programmes/" + programme + "/coverage").status() == 200) {
                return programme;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("programme " + programme + " never became readable");
    }

    private static List<String> lines(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv")
                .containsIgnoringCase("charset=UTF-8");
        assertThat(response.body()).startsWith(BOM).contains("\r\n");
        return Arrays.asList(response.body().substring(1).split("\r\n"));
    }

    @Test
    void participantsAsCsvByAcceptOrByFormatWithCommasOrSemicolons() throws Exception {
        String programme = readableProgramme();
        String path = "/api/programmes/" + programme + "/participants?asOf=2020-07-01&region=NORD&q=b";
        List<String> byAccept = lines(csv(ledger.anonymous(), path, "text/csv"));
        assertThat(byAccept.get(0)).isEqualTo(
                "number,name,county,healthRegion,population,declaration,deadline,agreement,viaOption");
        assertThat(byAccept).contains("1804,Bodø,Nordland,NORD,52357,NOT_SIGNED,2020-07-01,NONE,false");
        assertThat(byAccept).allSatisfy(line -> assertThat(line).doesNotContain("VEST"));

        HttpResponse<String> byFormat = csv(ledger.anonymous(), path + "&format=csv&delimiter=semicolon", null);
        assertThat(lines(byFormat)).contains("1804;Bodø;Nordland;NORD;52357;NOT_SIGNED;2020-07-01;NONE;false");
        assertThat(byFormat.headers().firstValue("Content-Disposition").orElse(""))
                .contains("attachment").contains("participants-" + programme + "-2020-07-01.csv");
    }

    @Test
    void coverageByRegionWithTheTotalLast() throws Exception {
        List<String> lines = lines(csv(ledger.anonymous(), "/api/programmes/" + readableProgramme()
                + "/coverage?asOf=2020-07-01&format=csv", null));
        assertThat(lines.get(0)).startsWith("region,municipalities,population,declarationsMunicipalities,"
                + "declarationsPopulation,declarationsShare,declarationsThresholdMet,commitmentsMunicipalities");
        assertThat(lines).hasSize(5);
        // Other tests of the shared service may register municipalities in scope: compare with the JSON answer.
        JsonNode scope = ledger.anonymous().get("/api/programmes/" + readableProgramme()
                + "/coverage?asOf=2020-07-01").body().path("scope");
        assertThat(lines.get(4)).startsWith("ALL," + scope.path("municipalities").asInt() + ","
                + scope.path("population").asLong() + ",0,0,0.0000,false,");
    }

    @Test
    void historyQuotesTheEventsJsonAndNeedsAnAuditor() throws Exception {
        String programme = aksonLikeProgramme();
        String number = "1103";
        assertThat(ledger.post("/api/programmes/" + programme + "/participants/" + number + "/declaration",
                Map.of("signedOn", "2020-06-02", "decisionReference", "PS 1, «vedtak»", "signatory", "ordfører"))
                .status()).isEqualTo(201);
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        String path = "/api/municipalities/" + number + "/history?format=csv";
        assertThat(csv(ledger.anonymous(), path, null).statusCode()).isEqualTo(401);
        List<String> lines = lines(csv(ledger, path, null));
        assertThat(lines.get(0)).isEqualTo(
                "eventId,type,aggregateId,effectiveDate,recordedAt,recordedBy,retractedBy,retractedAt,payload");
        // RFC 4180: a cell with commas or quotes is quoted, its quotes doubled.
        assertThat(lines).anySatisfy(line -> assertThat(line).contains(programme)
                .contains("\"{\"\"programmeId\"\":\"\"" + programme + "\"\"").contains("PS 1, «vedtak»"));
    }

    @Test
    void ownershipAsCsv() throws Exception {
        String company = unique("akson-journal");
        assertThat(ledger.post("/api/companies", Map.of("id", company, "name", "Akson journal AS",
                "foundedOn", "2021-07-01")).status()).isEqualTo(201);
        assertThat(ledger.post("/api/companies/" + company + "/share-issues", Map.of("owner", "0301", "shares", 60,
                "issuedOn", "2021-07-01")).status()).isEqualTo(201);
        assertThat(ledger.post("/api/companies/" + company + "/share-issues", Map.of("owner", "KS", "shares", 40,
                "issuedOn", "2021-07-01")).status()).isEqualTo(201);
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        List<String> lines = lines(csv(ledger.anonymous(), "/api/companies/" + company
                + "/ownership?asOf=2021-08-01", "text/csv"));
        assertThat(lines).containsExactly("owner,kind,shares,share", "0301,MUNICIPALITY,60,0.6000",
                "KS,KS,40,0.4000");
    }

    @Test
    void aProblemIsStillProblemJson() throws IOException, InterruptedException {
        HttpResponse<String> unknown = HTTP.send(ledger.anonymous().request(
                        "/api/programmes/no-such-programme/participants?format=csv").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    }
}
