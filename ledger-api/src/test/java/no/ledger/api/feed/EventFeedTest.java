package no.ledger.api.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.EventStream;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import no.ledger.core.municipality.Municipality;
import no.ledger.core.municipality.MunicipalityRegistered;
import no.ledger.core.shared.HealthRegion;
import no.ledger.projections.EventJson;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** The event feed as another system reads it: pages, NDJSON, filters, the live stream, late commits, access. */
class EventFeedTest extends LedgerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SOON = Duration.ofSeconds(10);

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private FeedHorizon horizon;
    @Autowired
    private ProjectionProgress progress;

    private List<Long> storedPositions(long after, int limit) {
        return jdbc.queryForList("SELECT global_index FROM domain_event_entry WHERE global_index > ?"
                + " ORDER BY global_index LIMIT " + limit, Long.class, after);
    }

    private long head() {
        return jdbc.queryForObject("SELECT COALESCE(MAX(global_index), 0) FROM domain_event_entry", Long.class);
    }

    private void awaitHorizon(long position) throws InterruptedException {
        long deadline = System.nanoTime() + SOON.toNanos();
        while (horizon.horizon() < position) {
            assertThat(System.nanoTime()).as("horizon reaches " + position).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Answer signed(String programme, String number) {
        Answer answer = ledger.post("/api/programmes/" + programme + "/participants/" + number + "/declaration",
                Map.of("signedOn", "2020-06-15", "decisionReference", "PS " + number, "signatory", "ordfører"));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(201);
        return answer;
    }

    private static List<Long> positions(JsonNode events) {
        List<Long> positions = new ArrayList<>();
        events.forEach(event -> positions.add(event.path("position").asLong()));
        return positions;
    }

    @Test
    void aPageHoldsCloudEventsInGlobalOrderAndTheNextLinkContinuesIt() throws InterruptedException {
        awaitHorizon(head());
        Answer first = ledger.as(TestUsers.SUBSCRIBER).get("/api/events?after=0&limit=5");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.contentType()).startsWith("application/json");
        assertThat(positions(first.body().path("events"))).isEqualTo(storedPositions(0, 5));
        JsonNode event = first.body().path("events").path(0);
        assertThat(event.path("specversion").asText()).isEqualTo("1.0");
        assertThat(event.path("position").isIntegralNumber()).as(event.toString()).isTrue();
        assertThat(event.path("source").asText()).isEqualTo("/commitment-ledger");
        assertThat(event.path("type").asText()).isEqualTo("no.ledger.MunicipalityRegistered");
        assertThat(event.path("subject").asText()).startsWith("municipality:");
        assertThat(event.path("datacontenttype").asText()).isEqualTo("application/json");
        assertThat(event.path("data").path("number").asText()).hasSize(4);
        assertThat(event.path("effectivedate").asText()).isEqualTo("2020-01-01");
        assertThat(event.path("recordedby").asText()).isEqualTo("reference-data");
        assertThat(Instant.parse(event.path("time").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry WHERE global_index = ?",
                String.class, event.path("position").asLong())).isEqualTo(event.path("id").asText());

        long nextAfter = first.body().path("nextAfter").asLong();
        assertThat(nextAfter).isEqualTo(positions(first.body().path("events")).get(4));
        assertThat(first.headers().firstValue("Link").orElseThrow()).contains("after=" + nextAfter);
        Answer second = ledger.as(TestUsers.SUBSCRIBER).get(first.body().path("next").asText());
        assertThat(positions(second.body().path("events"))).isEqualTo(storedPositions(nextAfter, 5));
    }

    @Test
    void ndjsonHoldsTheSameEventsOneALine() throws Exception {
        awaitHorizon(head());
        Answer json = ledger.as(TestUsers.SUBSCRIBER).get("/api/events?after=10&limit=7");
        HttpResponse<String> ndjson = HttpClient.newHttpClient().send(ledger.as(TestUsers.SUBSCRIBER)
                .request("/api/events?after=10&limit=7").header("Accept", "application/x-ndjson").GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));

        assertThat(ndjson.statusCode()).isEqualTo(200);
        assertThat(ndjson.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/x-ndjson");
        assertThat(ndjson.headers().firstValue("Ledger-Next-After").orElseThrow())
                .isEqualTo(json.body().path("nextAfter").asText());
        String[] lines = ndjson.body().split("\n");
        assertThat(lines).hasSize(7);
        for (int line = 0; line < lines.length; line++) {
            assertThat(JSON.readTree(lines[line])).isEqualTo(json.body().path("events").path(line));
        }
    }

    @Test
    void filtersByTypeProgrammeMunicipalityAndCompany() throws InterruptedException {
        String programme = aksonLikeProgramme();
        String company = unique("company");
        assertThat(ledger.post("/api/companies", Map.of("id", company, "name", "Selskap", "foundedOn",
                "2021-06-01")).status()).isEqualTo(201);
        Answer signature = signed(programme, "4601");
        awaitHorizon(head());

        Answer ofProgramme = ledger.get("/api/events?programme=" + programme);
        assertThat(ofProgramme.body().path("events")).extracting(event -> event.path("subject").asText())
                .containsExactly("programme:" + programme, "participation:" + programme + ":4601");
        Answer signatures = ledger.get("/api/events?programme=" + programme + "&type=DeclarationSigned");
        assertThat(signatures.body().path("events")).singleElement().satisfies(event ->
                assertThat(event.path("id").asText()).isEqualTo(signature.eventId()));
        assertThat(ledger.get("/api/events?programme=" + programme + "&type=no.ledger.DeclarationSigned"
                + ",MunicipalityInvited").body().path("events")).hasSize(1);
        Answer ofBergen = ledger.get("/api/events?municipality=4601&limit=1000");
        assertThat(ofBergen.body().path("events")).extracting(event -> event.path("subject").asText())
                .allSatisfy(subject -> assertThat(subject).matches("municipality:4601|participation:[a-z0-9-]+:4601"))
                .contains("municipality:4601", "participation:" + programme + ":4601");
        assertThat(ledger.get("/api/events?company=" + company).body().path("events"))
                .extracting(event -> event.path("type").asText()).containsExactly("no.ledger.CompanyFounded");

        // A filter that leaves the rest out still moves the reader on to the horizon.
        Answer nothingMore = ledger.get("/api/events?company=" + company + "&after="
                + ledger.get("/api/events?company=" + company).body().path("events").path(0).path("position").asLong());
        assertThat(nothingMore.body().path("events")).isEmpty();
        assertThat(nothingMore.body().path("nextAfter").asLong()).isEqualTo(horizon.horizon());
    }

    @Test
    void badParametersAre400NamingTheParameterAndTheRule() {
        assertBadParameter("/api/events?limit=0", "limit", "limit-in-range");
        assertBadParameter("/api/events?limit=1001", "limit", "limit-in-range");
        assertBadParameter("/api/events?after=-1", "after", "position-non-negative");
        assertBadParameter("/api/events?after=soon", "after", "format");
        assertBadParameter("/api/events?type=DeclarationSinged", "type", "event-type-known");
        assertBadParameter("/api/events?municipality=301", "municipality", "municipality-number-four-digits");
        assertBadParameter("/api/events?programme=Akson!", "programme", "identifier-format");
        assertBadParameter("/api/events?company=A_B", "company", "identifier-format");
        assertBadParameter("/api/events/stream?after=-5", "after", "position-non-negative");
    }

    private void assertBadParameter(String path, String field, String rule) {
        Answer answer = ledger.as(TestUsers.SUBSCRIBER).get(path);
        assertThat(answer.status()).as(path + " " + answer).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().path("rule").asText()).as(path).isEqualTo(rule);
        assertThat(answer.body().path("field").asText()).as(path).isEqualTo(field);
    }

    @Test
    void theFeedIsForAuditorsAndSubscribersOnly() {
        String event = jdbc.queryForObject("SELECT event_identifier FROM domain_event_entry ORDER BY global_index"
                + " LIMIT 1", String.class);
        for (String path : List.of("/api/events?limit=1", "/api/events/" + event)) {
            assertThat(ledger.anonymous().get(path).status()).as(path).isEqualTo(401);
            for (String refused : List.of(TestUsers.RECORDER, TestUsers.REGISTRAR, TestUsers.OPERATOR)) {
                Answer answer = ledger.as(refused).get(path);
                assertThat(answer.status()).as(refused + " " + path).isEqualTo(403);
                assertThat(answer.body().path("detail").asText()).contains("AUDITOR or SUBSCRIBER");
            }
            assertThat(ledger.as(TestUsers.AUDITOR).get(path).status()).as(path).isEqualTo(200);
            assertThat(ledger.as(TestUsers.SUBSCRIBER).get(path).status()).as(path).isEqualTo(200);
        }
        assertThat(ledger.anonymous().get("/api/events/stream").status()).isEqualTo(401);
        assertThat(ledger.as(TestUsers.RECORDER).get("/api/events/stream").status()).isEqualTo(403);
        assertThat(ledger.as(TestUsers.SUBSCRIBER).get("/api/programmes/akson/participants/0301").status())
                .isEqualTo(200);
        assertThat(ledger.as(TestUsers.SUBSCRIBER).get("/api/municipalities/0301/history").status())
                .isEqualTo(403);
    }

    @Test
    void theStreamCatchesUpThenFollowsLive() throws Exception {
        awaitHorizon(head());
        long start = head() - 3;
        try (EventStream stream = EventStream.open(ledger.as(TestUsers.SUBSCRIBER)
                .request("/api/events/stream?after=" + start))) {
            assertThat(stream.take(3, SOON)).extracting(EventStream.Received::id)
                    .isEqualTo(storedPositions(start, 3));
            String programme = aksonLikeProgramme();
            EventStream.Received defined = stream.take(1, SOON).get(0);
            assertThat(defined.cloudEvent().path("subject").asText()).isEqualTo("programme:" + programme);
            assertThat(defined.cloudEvent().path("position").asLong()).isEqualTo(defined.id());
            Answer signature = signed(programme, "0301");
            assertThat(stream.take(1, SOON).get(0).cloudEvent().path("id").asText()).isEqualTo(signature.eventId());
        }
    }

    /**
     * Live, a stream that wants every event is sent the frames shared by all such streams, and a filtered one picks
     * its own from them: each gets exactly its events, in order.
     */
    @Test
    void aFilteredStreamAndAnUnfilteredOneFollowLiveSideBySide() throws Exception {
        awaitHorizon(head());
        long start = head();
        try (EventStream everything = EventStream.open(ledger.as(TestUsers.SUBSCRIBER)
                .request("/api/events/stream?after=" + start));
             EventStream second = EventStream.open(ledger.as(TestUsers.SUBSCRIBER)
                .request("/api/events/stream?after=" + start));
             EventStream signatures = EventStream.open(ledger.as(TestUsers.SUBSCRIBER)
                .request("/api/events/stream?after=" + start + "&type=DeclarationSigned"))) {
            String programme = aksonLikeProgramme();
            Answer first = signed(programme, "0301");
            assertThat(ledger.post("/api/companies", Map.of("id", unique("company"), "name", "Selskap",
                    "foundedOn", "2021-06-01")).status()).isEqualTo(201);
            Answer last = signed(programme, "4601");
            List<Long> stored = storedPositions(start, 10_000);

            assertThat(everything.take(stored.size(), SOON)).extracting(EventStream.Received::id).isEqualTo(stored);
            assertThat(second.take(stored.size(), SOON)).extracting(EventStream.Received::id).isEqualTo(stored);
            assertThat(signatures.take(2, SOON)).extracting(event -> event.cloudEvent().path("id").asText())
                    .containsExactly(first.eventId(), last.eventId());
            assertThat(everything.next(Duration.ofMillis(300))).isNull();
            assertThat(signatures.next(Duration.ofMillis(1))).isNull();
        }
    }

    /**
     * A transaction that took a position and commits after later events are visible: neither the stream nor a
     * page goes past the hole while it is open, and once it commits the late event comes first, in order.
     */
    @Test
    void anEventCommittedLateIsDeliveredInItsPlace() throws Exception {
        awaitHorizon(head());
        long start = head();
        try (EventStream stream = EventStream.open(ledger.as(TestUsers.SUBSCRIBER)
                .request("/api/events/stream?after=" + start));
             Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            long late = insertEvent(slow);
            String programme = aksonLikeProgramme();
            signed(programme, "0301");
            long newest = head();
            assertThat(newest).isGreaterThan(late + 1);

            // Well past the time the poller needs to see the later events (it polls every 100 ms).
            assertThat(stream.next(Duration.ofMillis(800))).as("nothing while the hole is open").isNull();
            assertThat(horizon.horizon()).isEqualTo(late - 1);
            Answer page = ledger.get("/api/events?after=" + start);
            assertThat(page.body().path("events")).isEmpty();
            assertThat(page.body().path("nextAfter").asLong()).isEqualTo(late - 1);

            slow.commit();
            List<EventStream.Received> received = stream.take((int) (newest - start), SOON);
            assertThat(received).extracting(EventStream.Received::id).isEqualTo(storedPositions(start, 100));
            assertThat(received.get(0).id()).isEqualTo(late);
            assertThat(received.get(0).cloudEvent().path("recordedby").asText()).isEqualTo("slow-writer");
        }
    }

    /** An event inserted the way Axon stores one, in the caller's open transaction; its position. */
    private static long insertEvent(Connection connection) throws Exception {
        String number = unusedMunicipalityNumber();
        byte[] payload = EventJson.write(new MunicipalityRegistered(number, "Seinkommune", "Viken",
                HealthRegion.SOR_OST, LocalDate.of(2020, 1, 1), null)).getBytes(StandardCharsets.UTF_8);
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO domain_event_entry"
                + " (event_identifier, aggregate_identifier, sequence_number, type, time_stamp, payload_type,"
                + " payload, meta_data) VALUES (?, ?, 0, 'Municipality', ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, Municipality.aggregateId(number));
            insert.setString(3, Instant.now().toString());
            insert.setString(4, MunicipalityRegistered.class.getName());
            insert.setBytes(5, payload);
            insert.setBytes(6, "{\"recordedBy\":\"slow-writer\"}".getBytes(StandardCharsets.UTF_8));
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** Several writers at once while a subscriber reads: every event once, positions strictly increasing. */
    @Test
    void underConcurrentWritersTheStreamMissesNothingAndKeepsTheOrder() throws Exception {
        awaitHorizon(head());
        long start = head();
        int writers = 4;
        progress.awaitCaughtUp(SOON);
        List<String> numbers = jdbc.queryForList("SELECT number FROM municipality_view WHERE health_region <> 'MIDT'"
                + " AND number < '9000' ORDER BY number LIMIT 8", String.class);
        try (EventStream stream = EventStream.open(ledger.as(TestUsers.SUBSCRIBER)
                .request("/api/events/stream?after=" + start))) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int writer = 0; writer < writers; writer++) {
                    done.add(pool.submit(() -> {
                        String programme = aksonLikeProgramme();
                        for (String number : numbers.subList(0, 8)) {
                            signed(programme, number);
                        }
                        return null;
                    }));
                }
                for (Future<?> writer : done) {
                    writer.get();
                }
            } finally {
                pool.shutdownNow();
            }
            List<Long> stored = storedPositions(start, 10_000);
            List<EventStream.Received> received = stream.take(stored.size(), SOON);
            assertThat(received).extracting(EventStream.Received::id).isEqualTo(stored);
            assertThat(stream.next(Duration.ofMillis(300))).isNull();
        }
    }
}
