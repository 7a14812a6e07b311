package no.ledger.api.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Nasty but valid texts through every write path, as names, counties, references, signatories and reasons; then
 * every read model must catch up and show each text exactly as sent, on H2 and on PostgreSQL.
 */
class TextsCorpusTest extends LedgerIntegrationTest {

    /** Every script of Norway's municipality names, and what else a careless store would mangle. */
    static final List<String> CORPUS = List.of(
            "Bærum Ærøy Øvre Åsnes – æøå ÆØÅ",
            "Guovdageaidnu – Kautokeino",
            "Porsáŋgu – Porsanger – Porsanki",
            "Kárášjohka – Karasjok",
            "Unjárga – Nesseby",
            "Gáivuotna – Kåfjord – Kaivuono",
            "Snåase – Snåsa",
            "Raarvihke – Røyrvik",
            "Hábmer – Hamarøy",
            "Aarborte – Hattfjelldal",
            "á č đ ŋ š ŧ ž Á Č Đ Ŋ Š Ŧ Ž ï Ï",
            "Omasvuotna – Storfjord – Omasvuono ä ö Ä Ö",
            "It's \"quoted\" “curly” «guillemets» ‘single’ „low“",
            "C:\\kommune\\sak\\2020\\12 \\u0000 \\n",
            "Kommune 😀 🇳🇴 👍🏽 𝄞 ✓",
            "Sa\u0301mi o\u0308 a\u030A e\u0301\u0302",
            "مجلس البلدية",
            "מועצת העיר",
            "Oslo – أوسلو – אוסלו",
            "'; DROP TABLE domain_event_entry; --",
            "Robert'); DELETE FROM participant_timeline WHERE ''='",
            "<script>alert('x')</script>",
            "<b>fet</b> &amp; &lt;tag&gt; &#0;",
            "%00 %2F ../../etc/passwd ${jndi:x} {{7*7}}",
            "{\"a\": [1, null]} null true",
            "æ".repeat(255),
            "x".repeat(255),
            "😀".repeat(127) + "x",
            "Ω≈ç√∫ µ≤≥÷ ¡™£¢∞§¶ •ªº–≠ €",
            "中文 日本語 한국어 Ελληνικά Русский");

    @Autowired
    private ProjectionProgress progress;

    /** An expected text in an event's payload, by the event's id. */
    private record Expected(String eventId, String field, String text) {
    }

    private String recorded(String path, Map<String, ?> body, List<Expected> expected, String... fieldsAndTexts) {
        Answer answer = ledger.post(path, body);
        assertThat(answer.status()).as(path + " " + body + " -> " + answer).isEqualTo(201);
        for (int i = 0; i < fieldsAndTexts.length; i += 2) {
            expected.add(new Expected(answer.eventId(), fieldsAndTexts[i], fieldsAndTexts[i + 1]));
        }
        return answer.eventId();
    }

    private static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            body.put((String) pairs[i], pairs[i + 1]);
        }
        return body;
    }

    @Test
    void everyReadModelShowsEveryTextExactly() {
        String programme = aksonLikeProgramme();
        List<Expected> expected = new ArrayList<>();
        Map<String, String> numbers = new LinkedHashMap<>();
        Map<String, String> companies = new LinkedHashMap<>();
        long signedPopulation = 0;
        for (int i = 0; i < CORPUS.size(); i++) {
            String text = CORPUS.get(i);
            String other = CORPUS.get((i + 1) % CORPUS.size());
            String number = unusedMunicipalityNumber();
            numbers.put(number, text);
            String participant = "/api/programmes/" + programme + "/participants/" + number;

            recorded("/api/municipalities", body("number", number, "name", text, "county", other,
                    "healthRegion", "NORD", "registeredOn", "2020-01-01", "reference", text), expected,
                    "name", text, "county", other, "reference", text);
            recorded("/api/municipalities/" + number + "/population", body("population", 1000 + i,
                    "countedOn", "2020-01-01", "reference", other), expected, "reference", other);
            signedPopulation += 1000 + i;
            recorded(participant + "/invitation", body("invitedOn", "2020-04-24", "reference", text), expected,
                    "reference", text);
            recorded(participant + "/extension", body("grantedOn", "2020-06-10", "newDeadline", "2020-07-07",
                    "reason", text, "reference", other), expected, "reason", text, "reference", other);
            recorded(participant + "/declaration", body("signedOn", "2020-06-15", "decisionReference", text,
                    "signatory", other), expected, "decisionReference", text, "signatory", other);
            recorded(participant + "/declaration/withdrawal", body("withdrawnOn", "2020-09-01", "reason", other,
                    "reference", text), expected, "reason", other, "reference", text);
            recorded(participant + "/option", body("enteredOn", "2020-10-01", "decisionReference", text,
                    "expiresOn", "2021-03-31"), expected, "decisionReference", text);
            if (i % 2 == 0) {
                recorded(participant + "/option/exercise", body("exercisedOn", "2020-12-01", "decisionReference",
                        other), expected, "decisionReference", other);
            } else {
                recorded(participant + "/option/lapse", body("lapsedOn", "2021-03-15", "reason", other,
                        "reference", text), expected, "reason", other, "reference", text);
                recorded(participant + "/commitment", body("enteredOn", "2021-05-01", "decisionReference", text),
                        expected, "decisionReference", text);
            }

            String company = unique("corpus");
            companies.put(company, text);
            recorded("/api/companies", body("id", company, "name", text, "foundedOn", "2021-07-01",
                    "reference", other), expected, "name", text, "reference", other);
            recorded("/api/companies/" + company + "/share-issues", body("owner", number, "shares", 100,
                    "issuedOn", "2021-07-01", "reference", text), expected, "reference", text);
            String transfer = recorded("/api/companies/" + company + "/share-transfers", body("from", number,
                    "to", "KS", "shares", 40, "transferredOn", "2021-07-02", "reference", other), expected,
                    "reference", other);
            recorded("/api/events/" + transfer + "/retraction", body("reason", text, "retractedOn", "2021-07-03"),
                    expected, "reason", text);
        }

        progress.awaitCaughtUp(Duration.ofSeconds(60));

        // Participants and coverage: every name and county, every population counted.
        Answer participants = ledger.get("/api/programmes/" + programme + "/participants?asOf=2020-07-01");
        assertThat(participants.status()).as(participants.toString()).isEqualTo(200);
        Map<String, JsonNode> rows = new LinkedHashMap<>();
        participants.body().path("participants").forEach(row -> rows.put(row.path("number").asText(), row));
        int index = 0;
        for (Map.Entry<String, String> municipality : numbers.entrySet()) {
            JsonNode row = rows.get(municipality.getKey());
            assertThat(row).as(municipality.getKey()).isNotNull();
            assertThat(row.path("name").asText()).isEqualTo(municipality.getValue());
            assertThat(row.path("county").asText()).isEqualTo(CORPUS.get((index + 1) % CORPUS.size()));
            assertThat(row.path("declaration").asText()).isEqualTo("SIGNED");
            Answer detail = ledger.get("/api/programmes/" + programme + "/participants/" + municipality.getKey());
            assertThat(detail.body().path("name").asText()).isEqualTo(municipality.getValue());
            index++;
        }
        Answer coverage = ledger.get("/api/programmes/" + programme + "/coverage?asOf=2020-07-01");
        assertThat(coverage.body().path("declarations").path("municipalities").asInt())
                .as(coverage.toString()).isEqualTo(CORPUS.size());
        assertThat(coverage.body().path("declarations").path("population").asLong()).isEqualTo(signedPopulation);

        // Ownership: every company's name; the retracted transfer undone.
        companies.forEach((company, name) -> {
            Answer ownership = ledger.get("/api/companies/" + company + "/ownership?asOf=2021-07-10");
            assertThat(ownership.status()).as(ownership.toString()).isEqualTo(200);
            assertThat(ownership.body().path("name").asText()).isEqualTo(name);
            assertThat(ownership.body().path("totalShares").asLong()).isEqualTo(100);
        });

        // Events and history: every text field of every event, exactly.
        Map<String, JsonNode> history = new LinkedHashMap<>();
        for (String number : numbers.keySet()) {
            Answer entries = ledger.get("/api/municipalities/" + number + "/history");
            assertThat(entries.status()).as(entries.toString()).isEqualTo(200);
            entries.body().path("events").forEach(entry -> history.put(entry.path("eventId").asText(),
                    entry.path("payload")));
        }
        for (Expected text : expected) {
            Answer event = ledger.get("/api/events/" + text.eventId());
            assertThat(event.body().path("payload").path(text.field()).asText())
                    .as("event %s's %s", text.eventId(), text.field()).isEqualTo(text.text());
            JsonNode payload = history.get(text.eventId());
            if (payload != null) {
                assertThat(payload.path(text.field()).asText())
                        .as("history of event %s's %s", text.eventId(), text.field()).isEqualTo(text.text());
            }
        }
        assertThat(history).as("the history shows the municipalities' events").hasSizeGreaterThan(CORPUS.size() * 8);
    }
}
