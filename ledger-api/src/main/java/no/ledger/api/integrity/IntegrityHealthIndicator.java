package no.ledger.api.integrity;

import java.util.Optional;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The verifiable log in the health check: down from a verification that found the stored events changed until
 * one passes again; up, with the last verification's figures, otherwise (and before the first has run).
 */
@Component("integrity")
public class IntegrityHealthIndicator extends AbstractHealthIndicator {

    private final TreeVerifier verifier;

    public IntegrityHealthIndicator(TreeVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        Optional<TreeVerifier.Verification> last = verifier.lastVerification();
        if (last.isEmpty()) {
            health.up().withDetail("verified", "not yet");
            return;
        }
        TreeVerifier.Verification verification = last.get();
        health.status(verification.consistent() ? "UP" : "DOWN")
                .withDetail("verifiedAt", verification.verifiedAt().toString())
                .withDetail("treeSize", verification.treeSize())
                .withDetail("checked", verification.checked());
        if (verification.firstMismatch() != null) {
            health.withDetail("firstMismatch", verification.firstMismatch());
        }
    }
}
