package no.ledger.api.config;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import no.ledger.projections.ProcessingGroups;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every read model group gets a tracking processor that splits its work into segments (events of one aggregate
 * always go to the same segment), one thread a segment, and folds events in batches, one transaction per batch with
 * its token. Axon's stock settings (one segment, batch size one) would make every event its own transaction. A
 * tracking processor waits on the event store for new events, so a decision shows in the read models within
 * milliseconds on the instance that recorded it (a pooled one polls every half second); under load it waits
 * {@code linger} more, so that one batch takes the decisions of many callers ({@link LingeringEventSource}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorConfiguration.ProcessorProperties.class)
public class ProcessorConfiguration {

    /**
     * @param segments        segments per processor when its tokens are first created
     * @param batchSize       events folded per transaction
     * @param threads         threads per processor, each processing one segment: at least {@code segments}, so that
     *                        an instance left alone can take every segment over
     * @param claimIntervalMs how often an instance tries to claim segments nobody holds (after a crash)
     * @param skippedTokenDelayMs how long a segment may keep a token for events it only skipped before writing it
     *                        ({@link SkippedEventsTokenStore}); 0 writes every one at once, as Axon does
     * @param lingerMs        how long a processor that has caught up waits after a new event before it folds the
     *                        batch, for more to join it ({@link LingeringEventSource}); 0 folds at once
     */
    @ConfigurationProperties("ledger.processors")
    public record ProcessorProperties(Integer segments, Integer batchSize, Integer threads, Long claimIntervalMs,
                                      Long skippedTokenDelayMs, Long lingerMs) {

        public ProcessorProperties {
            segments = segments != null ? segments : 4;
            batchSize = batchSize != null ? batchSize : 250;
            // A thread processes one segment at a time: fewer threads than segments would leave some unprocessed.
            threads = Math.max(threads != null ? threads : 4, segments);
            claimIntervalMs = claimIntervalMs != null ? claimIntervalMs : 2000L;
            skippedTokenDelayMs = skippedTokenDelayMs != null ? skippedTokenDelayMs : 500L;
            lingerMs = lingerMs != null ? lingerMs : 20L;
        }
    }

    @Bean
    public ConfigurerModule trackingProcessors(ProcessorProperties properties) {
        TrackingEventProcessorConfiguration configuration = TrackingEventProcessorConfiguration
                .forParallelProcessing(properties.threads())
                .andInitialSegmentsCount(properties.segments())
                .andBatchSize(properties.batchSize())
                .andTokenClaimInterval(properties.claimIntervalMs(), TimeUnit.MILLISECONDS);
        return configurer -> {
            for (String group : ProcessingGroups.ALL) {
                configurer.eventProcessing().registerTrackingEventProcessor(group,
                        axon -> new LingeringEventSource(axon.eventStore(),
                                Duration.ofMillis(properties.lingerMs()), properties.batchSize()),
                        ignored -> configuration);
            }
        };
    }
}
