package no.ledger.api.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import org.junit.jupiter.api.Test;

/** ETags, 304 and Cache-Control: answers for a settled knownAt are cacheable for good, the rest revalidate. */
class CacheableAnswersTest extends LedgerIntegrationTest {

    private static final String SETTLED = "asOf=2020-07-01&knownAt=2020-07-01T12:00:00Z";

    private static String cacheControl(Answer answer) {
        return answer.headers().firstValue("Cache-Control").orElse("");
    }

    private static String etag(Answer answer) {
        return answer.headers().firstValue("ETag").orElseThrow();
    }

    private Answer getIfNoneMatch(LedgerClient client, String path, String etag) {
        return client.send(client.request(path).header("If-None-Match", etag).GET().build());
    }

    @Test
    void aPublicAnswerForASettledKnownAtIsImmutableWithAStrongEtag() {
        // Before the ledger's first event: an empty listing, and so it stays.
        String path = "/api/municipalities?" + SETTLED;
        Answer coverage = ledger.anonymous().get(path);

        assertThat(coverage.status()).isEqualTo(200);
        assertThat(cacheControl(coverage)).isEqualTo("public, max-age=31536000, immutable");
        assertThat(etag(coverage)).startsWith("\"");
        Answer again = getIfNoneMatch(ledger.anonymous(), path, etag(coverage));
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body().isMissingNode()).isTrue();
    }

    @Test
    void anAnswerForNowCarriesAnEtagOfItsStateAndIsRevalidated() {
        String path = "/api/programmes/akson/participants?asOf=2020-07-01";
        Answer participants = ledger.anonymous().get(path);

        assertThat(cacheControl(participants)).isEqualTo("no-cache");
        assertThat(getIfNoneMatch(ledger.anonymous(), path, etag(participants)).status()).isEqualTo(304);

        String programme = aksonLikeProgramme();
        String coverage = "/api/programmes/" + programme + "/participants?asOf=2020-07-01";
        // The new programme shows once the read models have folded its definition.
        Answer defined = ledger.get(coverage);
        long deadline = System.currentTimeMillis() + 10_000;
        while (defined.status() != 200 && System.currentTimeMillis() < deadline) {
            defined = ledger.get(coverage);
        }
        String before = etag(defined);
        ledger.post("/api/programmes/" + programme + "/participants/0301/declaration", Map.of("signedOn",
                "2020-06-15", "decisionReference", "PS 12/20", "signatory", "ordfører"));
        Answer changed = awaitChange(coverage, before);
        assertThat(changed.status()).isEqualTo(200);
        assertThat(etag(changed)).isNotEqualTo(before);
    }

    private Answer awaitChange(String path, String etag) {
        long deadline = System.currentTimeMillis() + 10_000;
        Answer answer = getIfNoneMatch(ledger, path, etag);
        while (answer.status() == 304 && System.currentTimeMillis() < deadline) {
            answer = getIfNoneMatch(ledger, path, etag);
        }
        return answer;
    }

    @Test
    void withoutAnExplicitAsOfTheAnswerChangesWithTheDayAndIsNotImmutable() {
        Answer coverage = ledger.anonymous().get("/api/municipalities?knownAt=2020-07-01T12:00:00Z");

        assertThat(cacheControl(coverage)).isEqualTo("no-cache");
    }

    @Test
    void whatNeedsARoleIsCachedOnlyPrivately() {
        Answer now = ledger.get("/api/municipalities/0301/history");

        assertThat(cacheControl(now)).isEqualTo("private, no-cache");
        assertThat(now.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void refusalsAndDecisionsCarryNoEtag() {
        assertThat(ledger.anonymous().get("/api/municipalities/0301/history").headers().firstValue("ETag"))
                .isEmpty();
        Answer refused = ledger.get("/api/programmes/akson/coverage?asOf=notadate&knownAt=2020-07-01T12:00:00Z");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(cacheControl(refused)).doesNotContain("immutable");
    }
}
