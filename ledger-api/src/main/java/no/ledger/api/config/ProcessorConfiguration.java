package no.ledger.api.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import no.ledger.projections.ProcessingGroups;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.ConfigurerModule;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every read model group gets a pooled streaming processor that splits its work into segments (events of one
 * aggregate always go to the same segment) and folds events in batches, one transaction per batch with its token.
 * Axon's stock settings (one segment, batch size one) would make every event its own transaction.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProcessorConfiguration.ProcessorProperties.class)
public class ProcessorConfiguration {

    /**
     * @param segments        segments per processor when its tokens are first created
     * @param batchSize       events folded per transaction
     * @param threads         worker threads per processor
     * @param claimIntervalMs how often an instance tries to claim segments nobody holds (after a crash)
     */
    @ConfigurationProperties("ledger.processors")
    public record ProcessorProperties(Integer segments, Integer batchSize, Integer threads, Long claimIntervalMs) {

        public ProcessorProperties {
            segments = segments != null ? segments : 4;
            batchSize = batchSize != null ? batchSize : 250;
            threads = threads != null ? threads : 4;
            claimIntervalMs = claimIntervalMs != null ? claimIntervalMs : 2000L;
        }
    }

    @Bean
    public ConfigurerModule pooledProcessors(ProcessorProperties properties) {
        return configurer -> {
            for (String group : ProcessingGroups.ALL) {
                configurer.eventProcessing().registerPooledStreamingEventProcessor(group,
                        org.axonframework.config.Configuration::eventStore,
                        (configuration, builder) -> {
                            ScheduledExecutorService workers = Executors.newScheduledThreadPool(properties.threads(),
                                    new AxonThreadFactory("projection-" + group));
                            configuration.onShutdown(workers::shutdown);
                            return builder.workerExecutor(workers)
                                    .initialSegmentCount(properties.segments())
                                    .batchSize(properties.batchSize())
                                    .tokenClaimInterval(properties.claimIntervalMs());
                        });
            }
        };
    }
}
