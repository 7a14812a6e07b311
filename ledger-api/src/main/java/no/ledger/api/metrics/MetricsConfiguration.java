package no.ledger.api.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import no.ledger.api.feed.FeedHorizon;
import no.ledger.api.feed.FeedSubscriptions;
import no.ledger.api.projection.ProjectionProgress;
import no.ledger.projections.ProcessingGroups;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.EventProcessorLatencyMonitor;
import org.axonframework.micrometer.MessageCountingMonitor;
import org.axonframework.micrometer.MessageTimerMonitor;
import org.axonframework.micrometer.TagsUtil;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
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

    /** axon-micrometer's name for the meters of event processors, told apart by their {@code processorName} tag. */
    private static final String EVENT_PROCESSOR = "eventProcessor";

    /**
     * The message monitors of every Axon component: axon-micrometer's counters and timers under Axon's own names
     * and tags ({@code commandBus}, {@code eventStore}, {@code eventProcessor} by processor and payload type, and
     * each processor's latency), and the ledger's own beside them on the command bus and the event store.
     *
     * <p>Axon's auto-configured set is off ({@code axon.metrics.auto-configuration.enabled}) because it adds a
     * {@code CapacityMonitor} to the command bus, the query bus and every processor, which keeps one entry per
     * message for ten minutes: a million decisions held 85 MB of a 512 MB heap, and every decision paid for its
     * place in that sorted map. A component's busy share is still there, computed by the scraper from the
     * timers' sums ({@code rate(commandBus_allTimer_seconds_sum[1m])}; docs/operations.md).
     */
    @Bean
    public ConfigurerModule ledgerMessageMonitors(ObjectProvider<MeterRegistry> registry) {
        return configurer -> configurer.configureMessageMonitor(configuration ->
                (componentType, componentName) -> monitorsOf(registry.getObject(), componentType, componentName));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MessageMonitor<Message<?>> monitorsOf(MeterRegistry registry, Class<?> componentType,
                                                         String componentName) {
        // Raw: Axon's latency monitor takes event messages only, and is only given a processor's.
        List<MessageMonitor> monitors = new ArrayList<>();
        if (EventProcessor.class.isAssignableFrom(componentType)) {
            Function<Message<?>, Iterable<Tag>> byPayloadAndProcessor = message -> Tags.of(
                    TagsUtil.PAYLOAD_TYPE_TAG, message.getPayloadType().getSimpleName(),
                    TagsUtil.PROCESSOR_NAME_TAG, componentName);
            monitors.add(MessageCountingMonitor.buildMonitor(EVENT_PROCESSOR, registry, byPayloadAndProcessor));
            monitors.add(MessageTimerMonitor.buildMonitor(EVENT_PROCESSOR, registry, byPayloadAndProcessor));
            monitors.add(EventProcessorLatencyMonitor.builder().meterNamePrefix(EVENT_PROCESSOR)
                    .meterRegistry(registry)
                    .tagsBuilder(message -> Tags.of(TagsUtil.PROCESSOR_NAME_TAG, componentName))
                    .build());
            return new MultiMessageMonitor(monitors);
        }
        Function<Message<?>, Iterable<Tag>> byPayload = TagsUtil.PAYLOAD_TYPE_TAGGER_FUNCTION;
        monitors.add(MessageCountingMonitor.buildMonitor(componentName, registry, byPayload));
        monitors.add(MessageTimerMonitor.buildMonitor(componentName, registry, byPayload));
        if (CommandBus.class.isAssignableFrom(componentType)) {
            monitors.add(new CommandOutcomeMonitor(registry));
        } else if (EventBus.class.isAssignableFrom(componentType)) {
            monitors.add(new RecordedEventsMonitor(registry));
        }
        return new MultiMessageMonitor(monitors);
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
