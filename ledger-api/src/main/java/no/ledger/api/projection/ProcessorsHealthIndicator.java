package no.ledger.api.projection;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * The read model processors in the health check: down when one of them fails on an event (it stops and retries
 * rather than skip it, so its read models fall behind), up otherwise, with each processor's lag in the details.
 */
@Component("processors")
public class ProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final ProcessorsEndpoint processors;

    public ProcessorsHealthIndicator(ProcessorsEndpoint processors) {
        this.processors = processors;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        ProcessorsEndpoint.Processors status = processors.processors();
        boolean failing = status.processors().values().stream().anyMatch(ProcessorsEndpoint.ProcessorStatus::failing);
        health.status(failing ? "DOWN" : "UP").withDetail("head", status.head());
        status.processors().forEach((name, processor) -> {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("running", processor.running());
            details.put("failing", processor.failing());
            details.put("segmentsHeldHere", processor.heldHere().size());
            details.put("maxLag", processor.maxLag());
            if (processor.failure() != null) {
                details.put("failure", processor.failure());
            }
            health.withDetail(name, details);
        });
    }
}
