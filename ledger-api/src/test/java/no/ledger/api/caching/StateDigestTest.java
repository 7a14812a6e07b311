package no.ledger.api.caching;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The state ETag of an answer for now: its bytes around the knownAt it echoes and the next link that pins it. */
class StateDigestTest {

    private static final JsonFactory JSON = new JsonFactory();

    private static String digest(String body) throws IOException {
        return CacheableAnswers.stateDigest(JSON, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void answersThatDifferOnlyInKnownAtAndNextHaveOneDigest() throws IOException {
        String first = digest("{\"asOf\":\"2020-07-01\",\"knownAt\":\"2026-12-07T08:00:00.123456Z\","
                + "\"items\":[{\"number\":\"0301\"}],\"next\":\"/api/municipalities?after=0301&knownAt=a\"}");
        String later = digest("{\"asOf\":\"2020-07-01\",\"knownAt\":\"2026-12-07T08:00:01Z\","
                + "\"items\":[{\"number\":\"0301\"}],\"next\":\"/api/municipalities?after=0301&knownAt=bb\"}");
        String withoutNext = digest("{\"asOf\":\"2020-07-01\",\"knownAt\":\"2026-12-07T08:00:01Z\","
                + "\"items\":[{\"number\":\"0301\"}]}");

        assertThat(first).isEqualTo(later).hasSize(32).matches("[0-9a-f]+");
        // The separator before the next link stays, so a last page and one with a next link differ.
        assertThat(withoutNext).isNotEqualTo(first);
    }

    @Test
    void anyOtherDifferenceChangesTheDigest() throws IOException {
        String body = "{\"asOf\":\"2020-07-01\",\"knownAt\":\"2026-12-07T08:00:00Z\",\"count\":%d,"
                + "\"rows\":[{\"knownAt\":\"%s\"}]}";
        String base = digest(body.formatted(3, "2020-01-01T00:00:00Z"));
        assertThat(digest(body.formatted(4, "2020-01-01T00:00:00Z"))).isNotEqualTo(base);
        // Only the top-level echo is left out: a knownAt inside the answer is part of its state.
        assertThat(digest(body.formatted(3, "2021-01-01T00:00:00Z"))).isNotEqualTo(base);
    }

    @Test
    void anAnswerThatEchoesNoKnownAtHasNoStateDigest() throws IOException {
        assertThat(digest("{\"asOf\":\"2020-07-01\",\"count\":3}")).isNull();
        assertThat(digest("[{\"knownAt\":\"2026-12-07T08:00:00Z\"}]")).isNull();
    }
}
