package no.ledger.api.instances;

import static no.ledger.api.instances.LedgerInstances.client;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import no.ledger.api.idempotency.IdempotencyFilter;
import no.ledger.api.idempotency.IdempotencyTest;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code Idempotency-Key}s live in the shared database: retries spread over two instances record once, and a
 * restart does not forget a key.
 */
class IdempotencyInstancesTest {

    private static final Map<String, Object> ISSUE = Map.of("owner", "0301", "shares", 90, "issuedOn", "2021-07-01");

    @Test
    void twentyConcurrentRetriesOverTwoInstancesRecordOnce() throws Exception {
        try (LedgerInstances instances = new LedgerInstances()) {
            ConfigurableApplicationContext first = instances.start("idempotent-a");
            ConfigurableApplicationContext second = instances.start("idempotent-b");
            LedgerClient a = client(first);
            foundCompany(a);

            List<Answer> answers = IdempotencyTest.concurrently(List.of(a, client(second)),
                    "/api/companies/idem-shared/share-issues", ISSUE, Map.of("Idempotency-Key", "over-two-instances"));

            IdempotencyTest.assertAllTheSameAnswer(answers);
            assertThat(sharesIssued(first)).isEqualTo(1);
            // Each instance folds some segments of the read models: ask until the issue shows, then check the sum.
            LedgerInstances.await("the share issue in the ownership", Duration.ofSeconds(60), () -> a
                    .get("/api/companies/idem-shared/ownership?asOf=2021-09-01").body().path("owners").size() > 0);
            assertThat(a.get("/api/companies/idem-shared/ownership?asOf=2021-09-01").body().path("owners").path(0)
                    .path("shares").asLong()).isEqualTo(90);
        }
    }

    @Test
    void aRestartDoesNotForgetAKey() throws Exception {
        try (LedgerInstances instances = new LedgerInstances(true)) {
            ConfigurableApplicationContext before = instances.start("before-restart");
            foundCompany(client(before));
            Answer first = client(before).post("/api/companies/idem-shared/share-issues", ISSUE,
                    Map.of("Idempotency-Key", "across-a-restart"));
            before.close();

            ConfigurableApplicationContext after = instances.start("after-restart");
            Answer repeat = client(after).post("/api/companies/idem-shared/share-issues", ISSUE,
                    Map.of("Idempotency-Key", "across-a-restart"));

            assertThat(first.status()).isEqualTo(201);
            assertThat(repeat.status()).isEqualTo(201);
            assertThat(repeat.body()).isEqualTo(first.body());
            assertThat(repeat.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
            assertThat(repeat.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
            assertThat(sharesIssued(after)).isEqualTo(1);
        }
    }

    private static void foundCompany(LedgerClient client) {
        assertThat(client.post("/api/companies", Map.of("id", "idem-shared", "name", "Felles selskap",
                "foundedOn", "2021-06-01")).status()).isEqualTo(201);
    }

    private static int sharesIssued(ConfigurableApplicationContext instance) {
        return instance.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM domain_event_entry"
                + " WHERE aggregate_identifier = 'company:idem-shared' AND payload_type LIKE '%.SharesIssued'",
                Integer.class);
    }
}
