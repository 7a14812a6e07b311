package no.ledger.api.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IdempotencyKeyHeaderTest {

    @Test
    void aStructuredFieldStringAndABareTokenAreKeys() {
        assertThat(IdempotencyKeyHeader.parse(List.of("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")))
                .isEqualTo(new IdempotencyKeyHeader.Key("8e03978e-40d5-43e8-bc93-6894a57f9324"));
        assertThat(IdempotencyKeyHeader.parse(List.of("8e03978e-40d5")))
                .isEqualTo(new IdempotencyKeyHeader.Key("8e03978e-40d5"));
        assertThat(IdempotencyKeyHeader.parse(List.of("\"say \\\"once\\\" \\\\ please\"")))
                .isEqualTo(new IdempotencyKeyHeader.Key("say \"once\" \\ please"));
    }

    @Test
    void anythingButOneHeaderOfOneTo255PrintableAsciiCharactersIsInvalid() {
        for (List<String> invalid : List.of(List.of(""), List.of("\"\""), List.of("k".repeat(256)),
                List.of("nøkkel"), List.of("tab\there"), List.of("\"a\\b\""), List.of("\"a\"b\""),
                List.of("one", "two"))) {
            assertThat(IdempotencyKeyHeader.parse(invalid)).as(invalid.toString())
                    .isInstanceOf(IdempotencyKeyHeader.Invalid.class);
        }
        assertThat(IdempotencyKeyHeader.parse(List.of("k".repeat(255))))
                .isInstanceOf(IdempotencyKeyHeader.Key.class);
    }

    @Test
    void theFingerprintIgnoresMemberOrderAndWhitespaceButNotValuesOrPath() {
        String fingerprint = RequestFingerprint.of("POST", "/api/x", "{\"a\":1,\"b\":{\"c\":2,\"d\":[3,4]}}".getBytes());
        assertThat(RequestFingerprint.of("POST", "/api/x", " { \"b\" : {\"d\":[3,4], \"c\":2}, \"a\":1 }".getBytes()))
                .isEqualTo(fingerprint);
        assertThat(RequestFingerprint.of("POST", "/api/x", "{\"a\":1,\"b\":{\"c\":2,\"d\":[4,3]}}".getBytes()))
                .isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of("POST", "/api/y", "{\"a\":1,\"b\":{\"c\":2,\"d\":[3,4]}}".getBytes()))
                .isNotEqualTo(fingerprint);
        assertThat(RequestFingerprint.of("POST", "/api/x", "12,13".getBytes()))
                .isNotEqualTo(RequestFingerprint.of("POST", "/api/x", "12".getBytes()));
    }
}
