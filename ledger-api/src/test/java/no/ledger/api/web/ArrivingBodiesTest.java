package no.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import no.ledger.api.idempotency.IdempotencyFilter;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerClient.RawAnswer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * However a decision's body arrives, the whole of it is what gets recorded: with the headers (handed on in the
 * request's first dispatch), partly with them and the rest later (the part already received, then the rest read
 * asynchronously), or chunked. A body in two parts with an {@code Idempotency-Key} is also the one a repeat is
 * compared with.
 */
class ArrivingBodiesTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PAUSE = Duration.ofMillis(300);

    private String municipality;

    @BeforeEach
    void aMunicipalityOfItsOwn() {
        municipality = unusedMunicipalityNumber();
        assertThat(ledger.post("/api/municipalities", Map.of("number", municipality, "name", "Delby",
                "county", "Nordland", "healthRegion", "NORD", "registeredOn", "2020-01-01")).status()).isEqualTo(201);
    }

    @Test
    void aBodyThatCameWithTheHeadersIsRecordedWhole() throws Exception {
        byte[] body = count(123_456, "2021-02-01");

        RawAnswer answer = ledger.raw(requestLine(), headers(body, List.of()), body);

        assertRecorded(answer, 123_456, "2021-02-01");
    }

    @Test
    void aBodyWhoseFirstPartCameWithTheHeadersIsReadToItsEnd() throws Exception {
        byte[] body = count(234_567, "2021-03-01");

        // The population's digits and the date come after the pause.
        RawAnswer answer = ledger.rawInTwoParts(requestLine(), headers(body, List.of()), body, 12, PAUSE);

        assertRecorded(answer, 234_567, "2021-03-01");
    }

    @Test
    void aChunkedBodyIsRecordedWhole() throws Exception {
        byte[] body = count(345_678, "2021-04-01");
        String chunked = Integer.toHexString(10) + "\r\n" + new String(body, 0, 10, StandardCharsets.UTF_8) + "\r\n"
                + Integer.toHexString(body.length - 10) + "\r\n"
                + new String(body, 10, body.length - 10, StandardCharsets.UTF_8) + "\r\n0\r\n\r\n";

        RawAnswer answer = ledger.raw(requestLine(), List.of("Host: localhost", "Content-Type: application/json",
                "Transfer-Encoding: chunked"), chunked.getBytes(StandardCharsets.UTF_8));

        assertRecorded(answer, 345_678, "2021-04-01");
    }

    @Test
    void aRepeatOfABodyThatCameInTwoPartsIsAnsweredAsTheFirst() throws Exception {
        byte[] body = count(456_789, "2021-05-01");
        String key = UUID.randomUUID().toString();

        RawAnswer first = ledger.rawInTwoParts(requestLine(), headers(body, List.of("Idempotency-Key: " + key)), body,
                20, PAUSE);
        String eventId = assertRecorded(first, 456_789, "2021-05-01");

        Answer repeat = ledger.post(path(), new String(body, StandardCharsets.UTF_8), Map.of("Idempotency-Key", key));
        assertThat(repeat.status()).isEqualTo(201);
        assertThat(repeat.eventId()).isEqualTo(eventId);
        assertThat(repeat.header(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
    }

    private String path() {
        return "/api/municipalities/" + municipality + "/population";
    }

    private String requestLine() {
        return "POST " + path() + " HTTP/1.1";
    }

    private static List<String> headers(byte[] body, List<String> more) {
        return Stream.concat(Stream.of("Host: localhost", "Content-Type: application/json",
                "Content-Length: " + body.length), more.stream()).toList();
    }

    private static byte[] count(long population, String countedOn) {
        return ("{\"population\":" + population + ",\"countedOn\":\"" + countedOn + "\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The answer is 201 and the recorded event holds the whole body; its id. */
    private String assertRecorded(RawAnswer answer, long population, String countedOn) throws Exception {
        assertThat(answer.status()).as("%s", answer).isEqualTo(201);
        String eventId = JSON.readTree(answer.body()).path("eventIds").path(0).asText();
        JsonNode payload = ledger.get("/api/events/" + eventId).body().path("payload");
        assertThat(payload.path("population").asLong()).isEqualTo(population);
        assertThat(payload.path("countedOn").asText()).isEqualTo(countedOn);
        return eventId;
    }
}
