package no.ledger.api.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import no.ledger.core.shared.RuleViolation;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Times every command the command bus handles, by its type and outcome: {@code success}; {@code rejected} with the
 * rule it broke (what callers see as 4xx); or {@code failed} (anything else: the ledger's fault). The outcome is
 * known once the unit of work has committed or rolled back, so a lost race with another writer counts too.
 */
final class CommandOutcomeMonitor implements MessageMonitor<Message<?>> {

    static final String METRIC = "ledger.commands";

    /** The rule of a lost race, as the API names it (ProblemDetailsAdvice). */
    private static final String CONCURRENT_DECISION = "one-decision-at-a-time";

    private final MeterRegistry registry;

    CommandOutcomeMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        long start = System.nanoTime();
        String command = simpleName(message);
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record("success", "none");
            }

            @Override
            public void reportFailure(Throwable cause) {
                String rule = ruleOf(cause);
                record(rule == null ? "failed" : "rejected", rule == null ? "none" : rule);
            }

            @Override
            public void reportIgnored() {
                record("ignored", "none");
            }

            private void record(String outcome, String rule) {
                Timer.builder(METRIC)
                        .description("Commands handled, by type and outcome; rejected ones by the rule they broke")
                        .tag("command", command)
                        .tag("outcome", outcome)
                        .tag("rule", rule)
                        .register(registry)
                        .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            }
        };
    }

    private static String simpleName(Message<?> message) {
        String type = message.getPayloadType().getName();
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static String ruleOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RuleViolation violation) {
                return violation.rule();
            }
            if (cause instanceof ConcurrencyException || cause instanceof AggregateStreamCreationException) {
                return CONCURRENT_DECISION;
            }
        }
        return null;
    }
}
