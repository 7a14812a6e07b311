package no.ledger.api.caching;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code ledger.caching.*}: when an answer may be cached for good.
 *
 * @param settledMargin how far behind the settled horizon stays, for what the ledger cannot see: a command whose
 *                      event was made before its transaction's writes began, and clocks of instances that differ;
 *                      5 minutes unless set
 * @param gapTimeout    how long a hole in the events' global order counts as a transaction still to commit, rather
 *                      than one rolled back; Axon's processors give up on such a hole after the same time (60 s)
 * @param immutableMaxAge the {@code max-age} of an answer that cannot change; a year unless set
 * @param horizonReuse  how long a computed settled horizon is reused before it is asked of the database again;
 *                      one second unless set (0: every time)
 */
@ConfigurationProperties("ledger.caching")
public record CachingProperties(Duration settledMargin, Duration gapTimeout, Duration immutableMaxAge,
                                Duration horizonReuse) {

    public CachingProperties {
        settledMargin = settledMargin == null ? Duration.ofMinutes(5) : settledMargin;
        gapTimeout = gapTimeout == null ? Duration.ofSeconds(60) : gapTimeout;
        immutableMaxAge = immutableMaxAge == null ? Duration.ofDays(365) : immutableMaxAge;
        horizonReuse = horizonReuse == null ? Duration.ofSeconds(1) : horizonReuse;
    }
}
