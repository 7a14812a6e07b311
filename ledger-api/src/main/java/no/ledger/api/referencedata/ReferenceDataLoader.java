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
import java.util.function.Consumer;
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
    private final Resource municipalities;

    public ReferenceDataLoader(CommandGateway commandGateway, EventStore eventStore,
                               @Value("${ledger.reference-data.municipalities:classpath:reference-data/kommuner_2020.csv}")
                               Resource municipalities) {
        this.commandGateway = commandGateway;
        this.eventStore = eventStore;
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
        AtomicInteger sent = new AtomicInteger();
        Map<String, List<String>> leftOut = new ConcurrentSkipListMap<>();
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS, new AxonThreadFactory("reference-data"));
        try {
            // Each step needs the one before (an invitation checks the programme's scope and the municipality's
            // region); within a step, items are independent and are sent concurrently, each aggregate's in order.
            inParallel(senders, rows, row -> {
                String aggregateId = Municipality.aggregateId(row.number());
                long events = eventStore.lastSequenceNumberFor(aggregateId).map(last -> last + 1).orElse(0L);
                if (events == 0) {
                    send(aggregateId, new RegisterMunicipality(row.number(), row.name(), row.county(),
                            row.region().name(), COUNTED_ON, POPULATION_SOURCE), sent, leftOut);
                }
                if (events <= 1) {
                    send(aggregateId, new RecordPopulationCount(row.number(), row.population(), COUNTED_ON,
                            POPULATION_SOURCE), sent, leftOut);
                }
            });
            inParallel(senders, PROGRAMMES, programme -> {
                String aggregateId = Programme.aggregateId(programme.id());
                if (!recorded(aggregateId)) {
                    send(aggregateId, new DefineProgramme(programme.id(), programme.name(),
                            programme.scope().stream().map(HealthRegion::name).toList(), programme.deadline(),
                            THRESHOLDS, programme.definedOn(), programme.reference()), sent, leftOut);
                }
            });
            inParallel(senders, aksonScope, row -> {
                String aggregateId = Participation.aggregateId("akson", row.number());
                if (!recorded(aggregateId)) {
                    send(aggregateId, new InviteMunicipality("akson", row.number(), AKSON_INVITED_ON,
                            AKSON_INVITATION), sent, leftOut);
                }
            });
        } finally {
            senders.shutdownNow();
        }
        leftOut.forEach((rule, items) -> LOG.warn("{} reference items refused by rule {} and left out, as what"
                + " others recorded first contradicts them: {}", items.size(), rule, items));
        LOG.info("Sent {} reference commands in {} ms: {} municipalities, {} programmes, {} Akson invitations",
                sent.get(), Duration.ofNanos(System.nanoTime() - started).toMillis(), rows.size(),
                PROGRAMMES.size(), aksonScope.size());
    }

    /** Runs the step for every item on the senders and returns when all are done; the first failure fails it. */
    private static <T> void inParallel(ExecutorService senders, List<T> items, Consumer<T> step) {
        List<Future<?>> done = items.stream().<Future<?>>map(item -> senders.submit(() -> step.accept(item)))
                .toList();
        for (Future<?> item : done) {
            try {
                item.get();
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

    /**
     * Sends one item. Others may have recorded something meanwhile: another instance loading the same reference
     * data, or a caller (through another instance that is already serving). An item refused by a rule is then
     * either there already, recorded by anyone, which counts as done, or contradicts what others recorded (Akson
     * defined otherwise), which is theirs to mend: it is left out with a warning. A start never fails for a
     * refusal, or it would fail the same way at every restart; only a storage failure fails it.
     */
    private void send(String aggregateId, Object command, AtomicInteger sent, Map<String, List<String>> leftOut) {
        try {
            commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(command)
                    .andMetaData(Map.of(AxonConfiguration.RECORDED_BY, RECORDED_BY)));
            sent.incrementAndGet();
        } catch (RuleViolation | ConcurrencyException | AggregateStreamCreationException refused) {
            String rule = refused instanceof RuleViolation violation ? violation.rule() : "one-decision-at-a-time";
            if (recorded(aggregateId)) {
                LOG.debug("Reference item {} already recorded by another writer ({}): {}",
                        command.getClass().getSimpleName(), rule, refused.getMessage());
            } else {
                LOG.debug("Reference item {} for {} refused by rule {}: {}", command.getClass().getSimpleName(),
                        aggregateId, rule, refused.getMessage());
                leftOut.computeIfAbsent(rule, ignored -> new CopyOnWriteArrayList<>()).add(aggregateId);
            }
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
