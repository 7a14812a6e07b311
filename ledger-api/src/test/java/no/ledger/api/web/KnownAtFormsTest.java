package no.ledger.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/**
 * The forms a {@code knownAt} may take (ISO 8601, milliseconds since the epoch, RFC 1123, as Spring reads them) and
 * the clear refusal of anything else, read by {@link InstantParameters} without an exception a request.
 */
class KnownAtFormsTest extends LedgerIntegrationTest {

    private Answer coverageKnownAt(String knownAt) {
        return ledger.anonymous().get("/api/programmes/akson/coverage?asOf=2020-07-01&knownAt="
                + URLEncoder.encode(knownAt, StandardCharsets.UTF_8));
    }

    @Test
    void anInstantIsReadInEachOfItsThreeForms() {
        // After the reference data's programme was recorded, so that it is known then.
        Instant knownAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<String> forms = List.of(knownAt.toString(), Long.toString(knownAt.toEpochMilli()),
                DateTimeFormatter.RFC_1123_DATE_TIME.format(knownAt.atOffset(ZoneOffset.UTC)));

        for (String form : forms) {
            Answer coverage = coverageKnownAt(form);
            assertThat(coverage.status()).as(form + ": " + coverage).isEqualTo(200);
            assertThat(coverage.body().path("knownAt").asText()).as(form).isEqualTo(knownAt.toString());
        }
    }

    @Test
    void anythingElseIsRefusedNamingTheParameter() {
        // Not an instant, digits of another script, a number too long for milliseconds, and an empty minus.
        for (String bad : List.of("yesterday", "2020-07-01", "\u0661\u0665\u0669\u0663", "12345678901234567890",
                "-", "2020-07-01T12:00:00")) {
            Answer refused = coverageKnownAt(bad);
            assertThat(refused.status()).as(bad + ": " + refused).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.body().path("field").asText()).as(bad).isEqualTo("knownAt");
            assertThat(refused.body().path("rule").asText()).as(bad).isEqualTo("format");
        }
    }
}
