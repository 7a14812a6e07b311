package no.ledger.core.municipality;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import no.ledger.core.shared.DecisionLog;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.InvalidInput;
import no.ledger.core.shared.MunicipalityNumber;
import no.ledger.core.shared.UnknownMunicipality;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A municipality (kommune): registered once with its number and health region, then counted now and then.
 * Command handlers answer with the id of the event they recorded.
 */
public class Municipality {

    @AggregateIdentifier
    private String id;
    private String number;
    private final DecisionLog<PopulationCounted> populationCounts = new DecisionLog<>();
    private String lastRecordedEventId;

    protected Municipality() {
        // for Axon
    }

    /** Aggregate ids of all kinds share one event store, so each starts with its kind. */
    public static final String ID_PREFIX = "municipality";

    public static String aggregateId(String number) {
        return ID_PREFIX + ":" + number;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RegisterMunicipality command) {
        MunicipalityNumber number = MunicipalityNumber.of(command.number());
        if (isRegistered()) {
            throw new MunicipalityAlreadyRegistered(number.value());
        }
        InvalidInput.require(command.name(), "name");
        InvalidInput.require(command.county(), "county");
        HealthRegion region = HealthRegion.parse(command.healthRegion(), "healthRegion");
        InvalidInput.require(command.registeredOn(), "registeredOn");
        InvalidInput.optional(command.reference(), "reference");
        apply(new MunicipalityRegistered(number.value(), command.name().strip(), command.county().strip(), region,
                command.registeredOn(), command.reference()));
        return lastRecordedEventId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RecordPopulationCount command) {
        requireRegistered(command.number());
        long population = InvalidInput.require(command.population(), "population");
        InvalidInput.require(command.countedOn(), "countedOn");
        InvalidInput.optional(command.reference(), "reference");
        if (population < 0) {
            throw new NegativePopulation(population);
        }
        if (population > PopulationOutOfBounds.MAX_POPULATION) {
            throw new PopulationOutOfBounds(population);
        }
        populationCounts.active().stream()
                .filter(count -> count.countedOn().equals(command.countedOn()))
                .findFirst()
                .ifPresent(existing -> {
                    throw new PopulationAlreadyCounted(number, existing.countedOn(), existing.population());
                });
        apply(new PopulationCounted(number, population, command.countedOn(), command.reference()));
        return lastRecordedEventId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RetractPopulationCount command) {
        requireRegistered(command.number());
        InvalidInput.require(command.reason(), "reason");
        InvalidInput.require(command.retractedOn(), "retractedOn");
        populationCounts.retractable(command.eventId());
        apply(new PopulationCountRetracted(number, command.eventId(), command.reason(), command.retractedOn()));
        return lastRecordedEventId;
    }

    private void requireRegistered(String requested) {
        if (!isRegistered()) {
            throw new UnknownMunicipality(requested, "number");
        }
    }

    private boolean isRegistered() {
        return number != null;
    }

    @EventSourcingHandler
    void on(MunicipalityRegistered event, @MessageIdentifier String eventId) {
        id = aggregateId(event.number());
        number = event.number();
        populationCounts.recordPermanent(eventId);
        lastRecordedEventId = eventId;
    }

    @EventSourcingHandler
    void on(PopulationCounted event, @MessageIdentifier String eventId) {
        populationCounts.recordDecision(eventId, event);
        lastRecordedEventId = eventId;
    }

    @EventSourcingHandler
    void on(PopulationCountRetracted event, @MessageIdentifier String eventId) {
        populationCounts.retract(event.retractedEventId());
        populationCounts.recordPermanent(eventId);
        lastRecordedEventId = eventId;
    }
}
