package no.ledger.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import no.ledger.api.support.LedgerClient;
import no.ledger.api.support.LedgerClient.Answer;
import no.ledger.api.support.LedgerIntegrationTest;
import no.ledger.api.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Bearer JWTs as production issues them (an issuer's key, the caller in {@code sub}, roles in {@code roles}), signed
 * by a key this test makes; reads closed to callers without a role; one browser origin allowed.
 */
class TokenAccessTest extends LedgerIntegrationTest {

    private static final KeyPair ISSUER = rsaKeyPair();
    private static final KeyPair IMPOSTOR = rsaKeyPair();
    private static final String ALLOWED_ORIGIN = "https://analyse.ks.example";
    private static final Map<String, String> SIGNED = Map.of("signedOn", "2020-06-15",
            "decisionReference", "PS 12/20", "signatory", "ordfører");

    @DynamicPropertySource
    static void tokensClosedReadsAndOneOrigin(DynamicPropertyRegistry registry) throws IOException {
        Path publicKey = Files.createTempFile("issuer", ".pem");
        Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(ISSUER.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        publicKey.toFile().deleteOnExit();
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", () -> "file:" + publicKey);
        registry.add("ledger.security.public-reads", () -> "false");
        registry.add("ledger.security.cors.allowed-origins", () -> ALLOWED_ORIGIN);
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static String token(PrivateKey key, String subject, List<String> roles, Instant expires) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("https://idporten.test")
                .claim("roles", roles)
                .issueTime(Date.from(Instant.now().minusSeconds(5)))
                .expirationTime(Date.from(expires))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException unsignable) {
            throw new IllegalStateException(unsignable);
        }
        return jwt.serialize();
    }

    private static String validToken(String subject, String... roles) {
        return token(ISSUER.getPrivate(), subject, List.of(roles), Instant.now().plusSeconds(300));
    }

    private static void assertProblem(Answer answer, int status, String rule) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.body().path("rule").asText()).isEqualTo(rule);
    }

    @Test
    void aRecorderTokenRecordsADecisionInTheNameOfItsSubject() {
        String programme = aksonLikeProgramme();
        LedgerClient kommunesystem = ledger.withBearer(validToken("kommunesystem-0301", "RECORDER"));

        Answer signed = kommunesystem.post("/api/programmes/" + programme + "/participants/0301/declaration",
                SIGNED);

        assertThat(signed.status()).as(signed.toString()).isEqualTo(201);
        Answer event = ledger.withBearer(validToken("revisor", "AUDITOR")).get("/api/events/" + signed.eventId());
        assertThat(event.body().path("recordedBy").asText()).isEqualTo("kommunesystem-0301");
    }

    @Test
    void aTokenWithoutTheRoleIs403() {
        Answer refused = ledger.withBearer(validToken("revisor", "AUDITOR"))
                .post("/api/programmes/akson/participants/0301/declaration", SIGNED);

        assertProblem(refused, 403, "role-required");
    }

    @Test
    void aTokenSignedByAnotherKeyOrExpiredIs401WithABearerChallenge() {
        String forged = token(IMPOSTOR.getPrivate(), "mallory", List.of("RECORDER", "REGISTRAR"),
                Instant.now().plusSeconds(300));
        String expired = token(ISSUER.getPrivate(), "kommunesystem-0301", List.of("RECORDER"),
                Instant.now().minusSeconds(3600));

        for (String token : List.of(forged, expired, "not.a.token")) {
            Answer refused = ledger.withBearer(token).post("/api/programmes/akson/participants/0301/declaration",
                    SIGNED);
            assertProblem(refused, 401, "credentials-required");
            assertThat(refused.headers().allValues("WWW-Authenticate")).anySatisfy(challenge ->
                    assertThat(challenge).startsWith("Bearer").contains("invalid_token"));
            assertThat(refused.body().toString()).doesNotContain("Jwt").doesNotContain("nimbus");
        }
    }

    @Test
    void localUsersStillSignInBesideTokens() {
        Answer registered = ledger.as(TestUsers.REGISTRAR).post("/api/municipalities", Map.of(
                "number", unusedMunicipalityNumber(), "name", "Tokenfri", "county", "Agder",
                "healthRegion", "SOR_OST"));

        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
    }

    @Test
    void withClosedReadsCoverageNeedsAnyRole() {
        assertProblem(ledger.anonymous().get("/api/programmes/akson/coverage"), 401, "credentials-required");
        assertThat(ledger.withBearer(validToken("analytiker", "AUDITOR")).get("/api/programmes/akson/coverage")
                .status()).isEqualTo(200);
        assertThat(ledger.as(TestUsers.RECORDER).get("/api/programmes/akson/participants").status())
                .isEqualTo(200);
    }

    @Test
    void theConfiguredOriginMayCallFromABrowserAndNoOther() {
        Answer allowed = preflight(ALLOWED_ORIGIN);
        Answer other = preflight("https://evil.example");

        assertThat(allowed.status()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue(ALLOWED_ORIGIN);
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        assertThat(other.status()).isEqualTo(403);
    }

    private Answer preflight(String origin) {
        LedgerClient anyone = ledger.anonymous();
        return anyone.send(anyone.request("/api/programmes/akson/coverage")
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "GET")
                .header("Access-Control-Request-Headers", "authorization")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());
    }

    @Test
    void closedReadsAreCachedOnlyPrivately() {
        Answer settled = ledger.get("/api/municipalities?asOf=2020-07-01&knownAt=2020-07-01T12:00:00Z");

        assertThat(settled.status()).isEqualTo(200);
        assertThat(settled.headers().firstValue("Cache-Control")).hasValue("private, max-age=31536000, immutable");
    }
}
