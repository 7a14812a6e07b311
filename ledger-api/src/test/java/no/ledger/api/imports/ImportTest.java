package no.ledger.api.imports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** CSV files of decisions: checked whole, recorded all or nothing, and never twice. */
class ImportTest extends LedgerIntegrationTest {

    @Autowired
    private ProjectionProgress progress;

    /** The declaration the read models show, once they have caught up with what was recorded. */
    private String declaration(String programme, String number) {
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        return ledger.get("/api/programmes/" + programme + "/participants/" + number + "?asOf=2020-12-31").body()
                .path("declaration").asText();
    }

    @Test
    void aFileOfDeclarationsIsRecordedOnceWithTheIdsOfItsEvents() throws InterruptedException {
        String programme = aksonLikeProgramme();
        String csv = "number,signedOn,decisionReference,signatory\r\n"
                + "0301,2020-06-15,PS 12/20,ordfører\r\n"
                + "4601,2020-06-20,\"BY 7/20, sak 3\",ordfører\r\n"
                + "1804,2020-06-25,PS 40/20,rådmann\r\n";
        String query = "kind=declarations&programme=" + programme;
        Answer started = ImportTestSupport.importCsv(ledger.as(TestUsers.RECORDER), query, csv);
        assertThat(started.status()).as(started.toString()).isEqualTo(202);
        assertThat(started.body().path("rowsInAll").asInt()).isEqualTo(3);

        JsonNode finished = ImportTestSupport.awaitFinished(ledger.as(TestUsers.RECORDER), started);
        assertThat(finished.path("state").asText()).as(finished.toString()).isEqualTo("DONE");
        assertThat(finished.path("rowsDone").asInt()).isEqualTo(3);
        assertThat(finished.path("recorded").findValuesAsText("line")).containsExactly("2", "3", "4");
        String firstEvent = finished.path("recorded").path(0).path("eventId").asText();
        JsonNode event = ledger.get("/api/events/" + firstEvent).body();
        assertThat(event.toString()).contains("0301").contains(TestUsers.RECORDER);

        Answer again = ImportTestSupport.importCsv(ledger.as(TestUsers.RECORDER), query, csv);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.body().path("duplicate").asBoolean()).isTrue();
        assertThat(again.body().path("id").asText()).isEqualTo(finished.path("id").asText());
        progress.awaitCaughtUp(Duration.ofSeconds(60));
        assertThat(ledger.get("/api/municipalities/0301/history").body().path("events").findValuesAsText("eventId"))
                .containsOnlyOnce(firstEvent);
        assertThat(declaration(programme, "4601")).isEqualTo("SIGNED");
    }

    @Test
    void everyRefusedRowIsReportedAndNothingIsRecorded() {
        String programme = aksonLikeProgramme();
        String csv = "\uFEFFnumber;signedOn;decisionReference;signatory\n"
                + "0301;2020-06-15;PS 12/20;ordfører\n"
                + "4601;15.06.2020;BY 7/20;ordfører\n"
                + "5001;2020-06-20;PS 1/20;ordfører\n"
                + "0301;2020-06-16;PS 13/20;ordfører\n"
                + "1804;2020-07-05;PS 2/20;\n";
        Answer rejected = ImportTestSupport.importCsv(ledger, "kind=declarations&programme=" + programme, csv);
        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(422);
        assertThat(rejected.contentType()).startsWith("application/problem+json");
        List<String> problems = rejected.body().path("errors").findValues("line").stream()
                .map(line -> line.asText()).toList();
        assertThat(problems).as(rejected.toString()).containsExactly("3", "4", "5", "6");
        JsonNode errors = rejected.body().path("errors");
        assertThat(errors.path(0).path("field").asText()).isEqualTo("signedOn");
        assertThat(errors.path(0).path("rule").asText()).isEqualTo("date-format");
        assertThat(errors.path(1).path("rule").asText()).isEqualTo("municipality-in-programme-scope");
        // Seen after row 2, as it would be were the file recorded: a second signature.
        assertThat(errors.path(2).path("rule").asText()).isEqualTo("sign-once");
        assertThat(errors.findValuesAsText("rule")).contains("required");
        assertThat(declaration(programme, "0301")).isEqualTo("NOT_SIGNED");
    }

    @Test
    void theHeaderNamesTheFieldsOfTheKind() {
        Answer rejected = ImportTestSupport.importCsv(ledger, "kind=commitments&programme=" + aksonLikeProgramme(),
                "number,enteredOn,decision\n0301,2021-01-01,BY 1/21\n");
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.body().path("errors").findValuesAsText("rule"))
                .containsExactlyInAnyOrder("known-column", "required-column");
        assertThat(rejected.body().path("errors").path(0).path("line").asInt()).isEqualTo(1);
    }

    @Test
    void onlyARecorderImports() {
        String query = "kind=declarations&programme=" + aksonLikeProgramme();
        String csv = "number,signedOn,decisionReference,signatory\n0301,2020-06-15,PS 12/20,ordfører\n";
        assertThat(ImportTestSupport.importCsv(ledger.anonymous(), query, csv).status()).isEqualTo(401);
        assertThat(ImportTestSupport.importCsv(ledger.as(TestUsers.AUDITOR), query, csv).status()).isEqualTo(403);
    }
}
