package no.ledger.api.config;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import no.ledger.api.projection.ProjectionFailures;
import no.ledger.core.company.Company;
import no.ledger.core.directory.EventStoreLedgerDirectory;
import no.ledger.core.directory.LedgerDirectory;
import no.ledger.core.municipality.Municipality;
import no.ledger.core.participation.Participation;
import no.ledger.core.programme.Programme;
import no.ledger.core.retraction.RecordedEventLocator;
import no.ledger.core.retraction.RetractionCommandHandler;
import no.ledger.projections.ProcessingGroups;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires the domain of ledger-core into Axon: its aggregates, its ports, and how handlers treat errors. */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

    /** The metadata key under which every event names who recorded it. */
    public static final String RECORDED_BY = "recordedBy";

    /**
     * The core's aggregates carry no Spring annotations, so they are registered here, with a cache of the aggregates
     * commands last left that is checked against the event store before use ({@link CheckedAggregateCache}).
     * {@code ledger.aggregates.cache-size} aggregates at most; 0 loads every aggregate from its events every time.
     */
    @Bean
    public ConfigurerModule ledgerAggregates(ObjectProvider<EventStore> eventStore,
                                             @Value("${ledger.aggregates.cache-size:10000}") int cacheSize) {
        // The event store is made from the configuration that this module is part of: asked for on first use.
        CheckedAggregateCache cache = cacheSize > 0 ? new CheckedAggregateCache(cacheSize,
                aggregateId -> eventStore.getObject().lastSequenceNumberFor(aggregateId).orElse(null)) : null;
        return configurer -> {
            for (Class<?> aggregate : List.of(Municipality.class, Programme.class, Participation.class,
                    Company.class)) {
                configurer.configureAggregate(cached(aggregate, cache));
            }
        };
    }

    private static <T> AggregateConfigurer<T> cached(Class<T> aggregate, CheckedAggregateCache cache) {
        AggregateConfigurer<T> configuration = AggregateConfigurer.defaultConfiguration(aggregate);
        return cache == null ? configuration : configuration.configureCache(ignored -> cache);
    }

    /**
     * A failing projection must stop and retry, never skip the event: Axon's default error handler only logs,
     * which would leave a read model silently missing a decision.
     */
    @Bean
    public ConfigurerModule propagateEventHandlerErrors(ProjectionFailures failures) {
        return configurer -> {
            configurer.eventProcessing()
                    .registerDefaultListenerInvocationErrorHandler(configuration -> PropagatingErrorHandler.instance());
            for (String group : ProcessingGroups.ALL) {
                configurer.eventProcessing()
                        .registerListenerInvocationErrorHandler(group,
                                configuration -> failures.recordingAndPropagating(group))
                        .registerHandlerInterceptor(group, configuration -> failures.forgettingOnSuccess(group));
            }
        };
    }

    /** Copies who recorded a command onto the events it records, beside Axon's own correlation ids. */
    @Bean
    public CorrelationDataProvider recordedByCorrelation() {
        return new SimpleCorrelationDataProvider(RECORDED_BY);
    }

    @Bean
    public CorrelationDataProvider messageOriginCorrelation() {
        return new MessageOriginProvider();
    }

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(new AxonThreadFactory("command-retry"));
    }

    /** Commands that lose a race with another writer are tried again, at most three times, 20 ms apart. */
    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrentDecisionRetry(commandRetryExecutor, 20, 3))
                .build();
    }

    @Bean
    public LedgerDirectory ledgerDirectory(EventStore eventStore) {
        return new EventStoreLedgerDirectory(eventStore);
    }

    @Bean
    public RecordedEventLocator recordedEventLocator(JdbcTemplate jdbcTemplate) {
        return eventId -> jdbcTemplate.query(
                        "SELECT aggregate_identifier FROM domain_event_entry WHERE event_identifier = ?",
                        (row, index) -> row.getString(1), eventId)
                .stream().findFirst();
    }

    @Bean
    public RetractionCommandHandler retractionCommandHandler(RecordedEventLocator locator,
                                                             CommandGateway commandGateway) {
        return new RetractionCommandHandler(locator, commandGateway);
    }
}
