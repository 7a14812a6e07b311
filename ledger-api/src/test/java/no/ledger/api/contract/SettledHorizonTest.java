package no.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import no.ledger.api.caching.SettledHorizon;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.SlowWriter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * An answer marked immutable does not change when a slow transaction commits an event late, with a timestamp older
 * than its commit. The margin is a second here (five minutes by default), so that the test need not wait minutes;
 * no reference data, to start quickly.
 */
@TestPropertySource(properties = {"ledger.caching.settled-margin=PT1S", "ledger.reference-data.enabled=false"})
class SettledHorizonTest extends LedgerIntegrationTest {

    @Autowired
    private DataSource dataSource;
    @Autowired
    private ProjectionProgress progress;
    @Autowired
    private SettledHorizon horizon;

    @Test
    void anAnswerMarkedImmutableDoesNotChangeWhenASlowTransactionCommitsLate() throws Exception {
        String county = unique("Sakte");
        String first = unusedMunicipalityNumber();
        register(first, county);
        progress.awaitCaughtUp(Duration.ofSeconds(20));
        Thread.sleep(1500);
        String late = unusedMunicipalityNumber();
        String listing = "/api/municipalities?county=" + county + "&asOf=2020-01-01&knownAt=";

        try (Connection slow = dataSource.getConnection()) {
            slow.setAutoCommit(false);
            Instant madeAt = Instant.now();
            SlowWriter.insertRegistrationLike(slow, first, late, madeAt);
            // Longer than the margin: a horizon of "now minus the margin" alone would pass the late event by.
            Thread.sleep(2500);
            register(unusedMunicipalityNumber(), county + "-annen");
            progress.awaitCaughtUp(Duration.ofSeconds(20));

            Instant settled = horizon.current();
            assertThat(settled).isBefore(madeAt);
            Answer unsettled = ledger.get(listing + madeAt.plusMillis(500));
            assertThat(cacheControl(unsettled)).isEqualTo("no-cache");
            assertThat(numbers(unsettled)).containsExactly(first);
            Instant fixedAt = settled.minusMillis(1);
            Answer immutable = awaitImmutable(listing + fixedAt);

            slow.commit();
            awaitListed(listing + Instant.now(), late);
            Answer afterCommit = ledger.get(listing + fixedAt);
            assertThat(afterCommit.headers().firstValue("ETag")).isEqualTo(immutable.headers().firstValue("ETag"));
            assertThat(afterCommit.body()).isEqualTo(immutable.body());
            // The answer that was not marked did change: marking it immutable would have been wrong.
            assertThat(numbers(ledger.get(listing + madeAt.plusMillis(500)))).containsExactly(first, late);
        }
    }

    @Test
    void aReusedHorizonSettlesOnlyWhatWasSettledWhenItWasComputed() {
        Instant settled = horizon.current();
        assertThat(horizon.hasSettled(settled.minusMillis(1))).isTrue();
        // Not before the reused horizon: not settled, and a future instant never settles.
        assertThat(horizon.hasSettled(Instant.now().plusSeconds(60))).isFalse();
        horizon.forget();
        assertThat(horizon.hasSettled(settled.minusMillis(1))).isTrue();
    }

    private void register(String number, String county) {
        Answer registered = ledger.post("/api/municipalities", Map.of("number", number, "name", "Sakte kommune",
                "county", county, "healthRegion", "NORD", "registeredOn", "2020-01-01"));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    /**
     * The answer once marked immutable: on a PostgreSQL server shared with other tests, their writing transactions
     * hold the horizon back for a moment too.
     */
    private Answer awaitImmutable(String path) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        Answer answer = ledger.get(path);
        while (!cacheControl(answer).contains("immutable") && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
            answer = ledger.get(path);
        }
        assertThat(cacheControl(answer)).contains("immutable");
        return answer;
    }

    private void awaitListed(String path, String number) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 20_000;
        while (!numbers(ledger.get(path)).contains(number) && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(numbers(ledger.get(path))).contains(number);
    }

    private static String cacheControl(Answer answer) {
        return answer.headers().firstValue("Cache-Control").orElse("");
    }

    private static List<String> numbers(Answer listing) {
        List<String> numbers = new ArrayList<>();
        listing.body().path("municipalities").forEach(row -> numbers.add(row.path("number").asText()));
        return numbers;
    }
}
