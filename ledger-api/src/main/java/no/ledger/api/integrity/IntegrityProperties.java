package no.ledger.api.integrity;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The verifiable log's settings ({@code ledger.integrity.*}).
 *
 * @param signingKey       a PKCS#8 PEM file with the Ed25519 key that signs tree heads; instances sharing a database
 *                         must share it
 * @param generatedKey     when no signing key is configured: where a key is generated once and kept (owner-only);
 *                         empty to refuse to start without a configured key
 * @param sequencing       whether this instance extends the tree (any number may; they take turns)
 * @param sequenceInterval how often the tree is extended with new events
 * @param gapTimeout       how long a gap in the global index may still be filled by a slow transaction before the
 *                         tree passes it; a transaction that commits later than that is reported as inserted
 * @param batchSize        events added to the tree per transaction
 * @param verifyInterval   how often every leaf is recomputed from the stored events; zero for never
 * @param verifyOnStart    whether a verification runs after start-up
 */
@ConfigurationProperties("ledger.integrity")
public record IntegrityProperties(Path signingKey, Path generatedKey, Boolean sequencing, Duration sequenceInterval,
                                  Duration gapTimeout, Integer batchSize, Duration verifyInterval,
                                  Boolean verifyOnStart) {

    public IntegrityProperties {
        generatedKey = generatedKey != null ? generatedKey : Path.of("data", "tree-signing-key.pem");
        sequencing = sequencing == null || sequencing;
        sequenceInterval = sequenceInterval != null ? sequenceInterval : Duration.ofMillis(200);
        gapTimeout = gapTimeout != null ? gapTimeout : Duration.ofSeconds(5);
        batchSize = batchSize != null ? batchSize : 2000;
        verifyInterval = verifyInterval != null ? verifyInterval : Duration.ofHours(1);
        verifyOnStart = verifyOnStart == null || verifyOnStart;
    }
}
