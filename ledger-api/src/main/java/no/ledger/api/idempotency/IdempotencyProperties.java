package no.ledger.api.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.idempotency.*}: how long {@code Idempotency-Key}s are kept and how long a repeat waits.
 *
 * @param retention     how long a key and its answer are kept after the first request (at least 24 hours, so that
 *                      a client retrying over a day still gets its first answer)
 * @param claimTimeout  after this long, a first request that never answered (its instance crashed) no longer holds
 *                      its key, and a retry may carry the request out
 * @param repeatWait    how long a repeat that arrives while the first request runs waits for its answer before it
 *                      is told 409 {@code request-in-progress}
 * @param purgeInterval how often keys older than the retention are deleted
 */
@ConfigurationProperties("ledger.idempotency")
public record IdempotencyProperties(Duration retention, Duration claimTimeout, Duration repeatWait, Duration purgeInterval) {

    public IdempotencyProperties {
        retention = retention != null ? retention : Duration.ofHours(24);
        claimTimeout = claimTimeout != null ? claimTimeout : Duration.ofSeconds(60);
        repeatWait = repeatWait != null ? repeatWait : Duration.ofSeconds(3);
        purgeInterval = purgeInterval != null ? purgeInterval : Duration.ofHours(1);
    }
}
