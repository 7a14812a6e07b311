package no.ledger.api.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;

/** Counts the events the event store recorded, by type: reported once their transaction committed. */
final class RecordedEventsMonitor implements MessageMonitor<Message<?>> {

    static final String METRIC = "ledger.events.recorded";

    private final MeterRegistry registry;

    RecordedEventsMonitor(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        String type = message.getPayloadType().getName();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                Counter.builder(METRIC)
                        .description("Events recorded in the event store, by type")
                        .tag("type", type.substring(type.lastIndexOf('.') + 1))
                        .register(registry)
                        .increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                // rolled back: nothing was recorded
            }

            @Override
            public void reportIgnored() {
                // not recorded
            }
        };
    }
}
