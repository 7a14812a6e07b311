package no.ledger.api.config;

import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.gateway.IntervalRetryScheduler;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Retries a command that lost a race: another writer (another instance) recorded an event for the same aggregate
 * with the same sequence number first. The retry loads the aggregate again, now with the winner's decision, and
 * either records its own decision after it or is refused by the rule it now breaks (a clean 409). Nothing else is
 * retried: a broken rule stays broken.
 */
public class ConcurrentDecisionRetry extends IntervalRetryScheduler {

    public ConcurrentDecisionRetry(ScheduledExecutorService executor, long intervalMillis, int maxRetries) {
        super(IntervalRetryScheduler.builder()
                .retryExecutor(executor)
                .retryInterval((int) intervalMillis)
                .maxRetryCount(maxRetries));
    }

    @Override
    protected boolean isExplicitlyNonTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return false;
            }
        }
        return true;
    }
}
