package no.ledger.api.config;

import no.ledger.projections.EventJson;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.context.annotation.Primary;

/**
 * The event store and token store on the ledger's own database, in the tables that Flyway's migrations create
 * (snake_case names, JSON payloads in bytea columns), with Jackson as the only serializer.
 */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** Events are read in batches of this many when processors stream them. */
    private static final int EVENT_BATCH_SIZE = 1000;

    /** One Jackson serializer for events, messages, tokens and snapshots: records need it (XStream cannot). */
    @Bean
    @Primary
    public Serializer serializer() {
        return JacksonSerializer.builder().objectMapper(EventJson.objectMapper()).build();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return new DuplicateKeyResolver();
    }

    @Bean
    public EventSchema eventSchema() {
        return eventSchema("domain_event_entry");
    }

    /** The event store's columns, in the given table (tests read tables of the same shape). */
    static EventSchema eventSchema(String eventTable) {
        return EventSchema.builder()
                .eventTable(eventTable)
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    // Depends on Flyway so that no processor or command touches the tables before the migrations ran.
    @Bean
    @DependsOn("flywayInitializer")
    public EventStorageEngine eventStorageEngine(Serializer serializer,
                                                 PersistenceExceptionResolver persistenceExceptionResolver,
                                                 ConnectionProvider connectionProvider,
                                                 TransactionManager transactionManager,
                                                 EventSchema eventSchema,
                                                 org.axonframework.config.Configuration configuration) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .upcasterChain(configuration.upcasterChain())
                .schema(eventSchema)
                .dataType(byte[].class)
                .batchSize(EVENT_BATCH_SIZE)
                .readEventDataWithGaps(new IndexedGapReads())
                .build();
    }

    /**
     * Axon's embedded event store as its auto-configuration makes it (monitored, traced), reading aggregates without
     * asking for snapshots, which the ledger does not take.
     */
    @Bean
    public EmbeddedEventStore eventStore(EventStorageEngine storageEngine,
                                         org.axonframework.config.Configuration configuration) {
        return new SnapshotlessEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /**
     * Token claims carry this instance's id, so that instances sharing the database split the segments between
     * them; a claim not extended within the claim timeout (an instance that died) may be taken over. Tokens for
     * events a segment only skipped are written lazily ({@link SkippedEventsTokenStore}).
     */
    @Bean
    @DependsOn("flywayInitializer")
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer,
                                 TokenSchema tokenSchema, InstanceIdentity instance,
                                 TokenStoreProperties tokenStoreProperties,
                                 ProcessorConfiguration.ProcessorProperties processors) {
        TokenStore tokens = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(tokenSchema)
                .contentType(byte[].class)
                .nodeId(instance.id())
                .claimTimeout(tokenStoreProperties.getClaimTimeout())
                .build();
        return processors.skippedTokenDelayMs() > 0
                ? new SkippedEventsTokenStore(tokens, processors.skippedTokenDelayMs()) : tokens;
    }
}
