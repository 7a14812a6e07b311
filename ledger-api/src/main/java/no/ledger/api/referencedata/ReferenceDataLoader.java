package no.ledger.api.referencedata;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import no.ledger.api.config.AxonConfiguration;
import no.ledger.core.municipality.Municipality;
import no.ledger.core.municipality.RecordPopulationCount;
import no.ledger.core.municipality.RegisterMunicipality;
import no.ledger.core.participation.InviteMunicipality;
import no.ledger.core.participation.Participation;
import no.ledger.core.programme.DefineProgramme;
import no.ledger.core.programme.Programme;
import no.ledger.core.programme.Thresholds;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.RuleViolation;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the reference data of the source documents through the ordinary command path, so that it is in the
 * ledger's history like any other decision: Norway's 356 municipalities of 1 January 2020 with their population,
 * the programmes Akson and Helseplattformen, and HOD's invitation of Akson's 291 municipalities (24 April 2020,
 * ref. 20/1554).
 *
 * <p>Idempotent: each item is recorded only when its aggregate has no events yet, so a restart, or a start after a
 * start that was cut short, records nothing twice; an item that anyone recorded meanwhile counts as done. Runs
 * before the read models' catch-up ({@code CatchUpBeforeReady}); until both are done, the service is not ready and
 * turns requests away, so callers cannot race it. Switched off by {@code ledger.reference-data.enabled=false}.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "ledger.reference-data.enabled", havingValue = "true", matchIfMissing = true)
public class ReferenceDataLoader implements ApplicationRunner {

    static final String RECORDED_BY = "reference-data";
    static final LocalDate COUNTED_ON = LocalDate.of(2020, 1, 1);
    static final String POPULATION_SOURCE = "SSB table 07459, 1 January 2020";
    static final LocalDate AKSON_INVITED_ON = LocalDate.of(2020, 4, 24);
    static final String AKSON_INVITATION = "20/1554";

    private static final Logger LOG = LoggerFactory.getLogger(ReferenceDataLoader.class);
    /** Commands in flight at once: most of a command's time is waiting on the database, not the CPU. */
    private static final int SENDERS = 4;
    /** Items recorded in one transaction. */
    private static final int BATCH = 25;
    private static final int STORAGE_ATTEMPTS = 5;
    private static final Thresholds THRESHOLDS = new Thresholds(new BigDecimal("0.50"), new BigDecimal("0.55"),
            new BigDecimal("0.85"));
    // The documents give Helseplattformen no declaration deadline or thresholds of its own; Akson's are used, and
    // its definition is dated with the reference data. Its decisions are agreements, which no deadline limits.
    private static final List<ProgrammeDefinition> PROGRAMMES = List.of(
            new ProgrammeDefinition("akson", "Akson: felles kommunal journal og helhetlig samhandling",
                    List.of(HealthRegion.NORD, HealthRegion.VEST, HealthRegion.SOR_OST), LocalDate.of(2020, 7, 1),
                    AKSON_INVITED_ON, "HOD " + AKSON_INVITATION),
            new ProgrammeDefinition("helseplattformen", "Helseplattformen", List.of(HealthRegion.MIDT),
                    LocalDate.of(2020, 7, 1), COUNTED_ON, "reference data"));

    private final CommandGateway commandGateway;
    private final EventStore eventStore;
    private final TransactionTemplate transactions;
    private final Resource municipalities;

    public ReferenceDataLoader(CommandGateway commandGateway, EventStore eventStore,
                               PlatformTransactionManager transactionManager,
                               @Value("${ledger.reference-data.municipalities:classpath:reference-data/kommuner_2020.csv}")
                               Resource municipalities) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
        this.transactions = new TransactionTemplate(transactionManager);
        this.municipalities = municipalities;
    }

    record MunicipalityRow(String number, String name, String county, long population, HealthRegion region) {
    }

    record ProgrammeDefinition(String id, String name, List<HealthRegion> scope, LocalDate deadline,
                               LocalDate definedOn, String reference) {
    }

    @Override
    public void run(ApplicationArguments arguments) {
        List<MunicipalityRow> rows = readMunicipalities();
        List<MunicipalityRow> aksonScope = rows.stream()
                .filter(row -> PROGRAMMES.get(0).scope().contains(row.region()))
                .toList();
        // Items are recorded step by step, so when Akson's last invitation is there, everything before it is too.
        MunicipalityRow lastInvited = aksonScope.get(aksonScope.size() - 1);
        if (recorded(Participation.aggregateId("akson", lastInvited.number()))) {
            LOG.info("Reference data already recorded; nothing to do");
            return;
        }
        long started = System.nanoTime();
        Sending sending = new Sending();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS, new AxonThreadFactory("reference-data"));
        try {
            // Each step needs the one before (an invitation checks the programme's scope and the municipality's
            // region); within a step, items are independent and are sent concurrently, each aggregate's in order.
            inBatches(senders, rows, sending, (row, send) -> {
                String aggregateId = Municipality.aggregateId(row.number());
                long events = eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
                if (events == 0) {
                    send.send(aggregateId, new RegisterMunicipality(row.number(), row.name(), row.county(),
                            row.region().name(), COUNTED_ON, POPULATION_SOURCE));
                }
                if (events <= 1) {
                    send.send(aggregateId, new RecordPopulationCount(row.number(), row.population(), COUNTED_ON,
                            POPULATION_SOURCE));
                }
            });
            inBatches(senders, PROGRAMMES, sending, (programme, send) -> {
                String aggregateId = Programme.aggregateId(programme.id());
                if (!recorded(aggregateId)) {
                    send.send(aggregateId, new DefineProgramme(programme.id(), programme.name(),
                            programme.scope().stream().map(HealthRegion::name).toList(), programme.deadline(),
                            THRESHOLDS, programme.definedOn(), programme.reference()));
                }
            });
            inBatches(senders, aksonScope, sending, (row, send) -> {
                String aggregateId = Participation.aggregateId("akson", row.number());
                if (!recorded(aggregateId)) {
                    send.send(aggregateId, new InviteMunicipality("akson", row.number(), AKSON_INVITED_ON,
                            AKSON_INVITATION));
                }
            });
        } finally {
            senders.shutdownNow();
        }
        sending.leftOut.forEach((rule, items) -> LOG.warn("{} reference items refused by rule {} and left out, as"
                + " what others recorded first contradicts them: {}", items.size(), rule, items));
        LOG.info("Sent {} reference commands in {} ms: {} municipalities, {} programmes, {} Akson invitations",
                sending.sent.get(), Duration.ofNanos(System.nanoTime() - started).toMillis(), rows.size(),
                PROGRAMMES.size(), aksonScope.size());
    }

    /** Sends one command about one aggregate. */
    @FunctionalInterface
    interface Sender {
        void send(String aggregateId, Object command);
    }

    /** What a load sent, and what it left out, by rule. */
    private static final class Sending {
        final AtomicInteger sent = new AtomicInteger();
        final Map<String, List<String>> leftOut = new ConcurrentSkipListMap<>();
    }

    /**
     * Runs the step for every item, in batches on the senders, and returns when all are done. A batch is one
     * transaction: a commit per command made the load wait on the database a thousand times. A batch that fails
     * for any reason (a refusal, a lost race, a deadlock with another instance's batch) is rolled back and its
     * items are sent one by one, each judged on its own ({@link #sendAlone}); only a storage failure fails the load.
     */
    private <T> void inBatches(ExecutorService senders, List<T> items, Sending sending,
                               BiConsumer<T, Sender> step) {
        List<Future<?>> done = new ArrayList<>();
        for (int from = 0; from < items.size(); from += BATCH) {
            List<T> batch = items.subList(from, Math.min(items.size(), from + BATCH));
            done.add(senders.submit(() -> {
                AtomicInteger sentInBatch = new AtomicInteger();
                try {
                    transactions.executeWithoutResult(status -> batch.forEach(item -> step.accept(item,
                            (aggregateId, command) -> {
                                sendAndWait(command);
                                sentInBatch.incrementAndGet();
                            })));
                    sending.sent.addAndGet(sentInBatch.get());
                } catch (RuntimeException batchFailed) {
                    LOG.debug("A batch of reference items failed; sending them one by one", batchFailed);
                    batch.forEach(item -> step.accept(item,
                            (aggregateId, command) -> sendAlone(aggregateId, command, sending)));
                }
            }));
        }
        for (Future<?> batch : done) {
            try {
                batch.get();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while recording the reference data", interrupted);
            } catch (ExecutionException failed) {
                done.forEach(other -> other.cancel(true));
                throw failed.getCause() instanceof RuntimeException runtime ? runtime
                        : new IllegalStateException(failed.getCause());
            }
        }
    }

    private boolean recorded(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).isPresent();
    }

    private void sendAndWait(Object command) {
        commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                .andMetaData(Map.of(AxonConfiguration.RECORDED_BY, RECORDED_BY)));
    }

    /**
     * Sends one item in a transaction of its own. Others may have recorded something meanwhile: another instance
     * loading the same reference data, or a caller (through another instance that is already serving). An item
     * refused by a rule is then either there already, recorded by anyone, which counts as done, or contradicts what
     * others recorded (Akson defined otherwise), which is theirs to mend: it is left out with a warning. A start
     * never fails for a refusal, or it would fail the same way at every restart. A storage failure (a lock held by
     * another instance's batch until it timed out, a deadlock) is tried again a few times; only one that lasts fails
     * the start.
     */
    private void sendAlone(String aggregateId, Object command, Sending sending) {
        for (int attempt = 1; ; attempt++) {
            try {
                sendAndWait(command);
                sending.sent.incrementAndGet();
                return;
            } catch (RuleViolation | ConcurrencyException | AggregateStreamCreationException refused) {
                String rule = refused instanceof RuleViolation violation ? violation.rule() : "one-decision-at-a-time";
                if (recorded(aggregateId)) {
                    LOG.debug("Reference item {} already recorded by another writer ({}): {}",
                            command.getClass().getSimpleName(), rule, refused.getMessage());
                } else {
                    LOG.debug("Reference item {} for {} refused by rule {}: {}", command.getClass().getSimpleName(),
                            aggregateId, rule, refused.getMessage());
                    sending.leftOut.computeIfAbsent(rule, ignored -> new CopyOnWriteArrayList<>()).add(aggregateId);
                }
                return;
            } catch (RuntimeException storageFailure) {
                if (attempt >= STORAGE_ATTEMPTS) {
                    throw storageFailure;
                }
                LOG.info("Reference item {} for {} failed ({}); trying again", command.getClass().getSimpleName(),
                        aggregateId, storageFailure.getClass().getSimpleName());
                LOG.debug("Reference item failed", storageFailure);
                pause(Duration.ofMillis(200L * attempt));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording the reference data", interrupted);
        }
    }

    private List<MunicipalityRow> readMunicipalities() {
        List<MunicipalityRow> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(municipalities.getInputStream(),
                StandardCharsets.UTF_8))) {
            String header = reader.readLine();
            if (!"number,name,county,population_2020_01_01,health_region".equals(header)) {
                throw new IllegalStateException("unexpected header in " + municipalities + ": " + header);
            }
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                rows.add(new MunicipalityRow(cells[0], cells[1], cells[2], Long.parseLong(cells[3]),
                        HealthRegion.valueOf(cells[4])));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot read reference data " + municipalities, unreadable);
        }
        return rows;
    }
}
