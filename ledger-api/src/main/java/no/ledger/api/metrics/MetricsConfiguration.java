package no.ledger.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.OptionalLong;
import no.ledger.api.feed.FeedHorizon;
import no.ledger.api.feed.FeedSubscriptions;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.projections.ProcessingGroups;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.Configurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The ledger's own metrics beside Spring's ({@code http.server.requests}) and Axon's (axon-micrometer): commands by
 * type and outcome, events recorded, each read model processor's lag behind the event store, and the event feed's
 * subscribers and horizon. Served to operators at {@code /actuator/prometheus} and {@code /actuator/metrics}.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    /**
     * The ledger's monitors on the command bus and the event store, beside axon-micrometer's: a component has one
     * monitor factory, the one registered last, so this module runs after Axon's and keeps Axon's monitor in a
     * {@link MultiMessageMonitor} with its own.
     */
    @Bean
    public ConfigurerModule ledgerMessageMonitors(ObjectProvider<MeterRegistry> registry,
                                                  ObjectProvider<GlobalMetricRegistry> axonMetrics) {
        return new ConfigurerModule() {
            @Override
            public void configureModule(Configurer configurer) {
                configurer.configureMessageMonitor(CommandBus.class, (configuration, type, name) ->
                                alongsideAxons(axonMetrics, type, name, new CommandOutcomeMonitor(registry.getObject())))
                        .configureMessageMonitor(EventStore.class, (configuration, type, name) ->
                                alongsideAxons(axonMetrics, type, name, new RecordedEventsMonitor(registry.getObject())));
            }

            @Override
            public int order() {
                return Integer.MAX_VALUE;
            }
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> alongsideAxons(ObjectProvider<GlobalMetricRegistry> axonMetrics,
                                                            Class<?> componentType, String componentName,
                                                            MessageMonitor<Message<?>> ledgers) {
        GlobalMetricRegistry axon = axonMetrics.getIfAvailable();
        if (axon == null) {
            return ledgers;
        }
        MessageMonitor axons = axon.registerComponentWithDefaultTags(componentType, componentName);
        return new MultiMessageMonitor<Message<?>>(List.of(axons, ledgers));
    }

    @Bean
    public MeterBinder ledgerGauges(ProjectionProgress progress, FeedSubscriptions subscriptions,
                                    FeedHorizon horizon) {
        return registry -> {
            for (String processor : ProcessingGroups.ALL) {
                Gauge.builder("ledger.processor.lag", () -> lag(progress, processor))
                        .description("Events recorded that this instance's segments of the processor have not yet"
                                + " processed (NaN while it holds none)")
                        .baseUnit("events")
                        .tag("processor", processor)
                        .register(registry);
            }
            Gauge.builder("ledger.feed.subscribers", subscriptions::count)
                    .description("Event streams open on this instance")
                    .register(registry);
            Gauge.builder("ledger.feed.horizon", horizon::horizon)
                    .description("The position up to which the feed hands out events")
                    .register(registry);
            Gauge.builder("ledger.feed.gaps.awaited", horizon::gapsAwaited)
                    .description("Positions not yet committed that the feed waits for")
                    .register(registry);
        };
    }

    /** The head's position less the position of the furthest-behind segment this instance holds. */
    private static double lag(ProjectionProgress progress, String name) {
        StreamingEventProcessor processor = progress.processors().get(name);
        if (processor == null || processor.processingStatus().isEmpty()) {
            return Double.NaN;
        }
        long head = progress.head();
        long behind = 0;
        for (EventTrackerStatus status : processor.processingStatus().values()) {
            OptionalLong at = status.getCurrentPosition();
            behind = Math.max(behind, head - at.orElse(0));
        }
        return Math.max(0, behind);
    }
}
