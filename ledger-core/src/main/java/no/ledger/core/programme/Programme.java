package no.ledger.core.programme;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import no.ledger.core.shared.HealthRegion;
import no.ledger.core.shared.InvalidInput;
import no.ledger.core.shared.Slug;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/** A national e-health programme, such as Akson or Helseplattformen. Its definition does not change. */
public class Programme {

    @AggregateIdentifier
    private String id;
    private String lastRecordedEventId;

    protected Programme() {
        // for Axon
    }

    /** Aggregate ids of all kinds share one event store, so each starts with its kind. */
    public static final String ID_PREFIX = "programme";

    public static String aggregateId(String programmeId) {
        return ID_PREFIX + ":" + programmeId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(DefineProgramme command) {
        String programmeId = Slug.require(command.programmeId(), "id");
        if (id != null) {
            throw new ProgrammeAlreadyDefined(programmeId);
        }
        InvalidInput.require(command.name(), "name");
        InvalidInput.require(command.declarationDeadline(), "declarationDeadline");
        InvalidInput.require(command.definedOn(), "definedOn");
        InvalidInput.optional(command.reference(), "reference");
        Thresholds thresholds = InvalidInput.require(command.thresholds(), "thresholds").validated();
        apply(new ProgrammeDefined(programmeId, command.name().strip(), scope(command.scopeRegions()),
                command.declarationDeadline(), thresholds, command.definedOn(), command.reference()));
        return lastRecordedEventId;
    }

    private static List<HealthRegion> scope(List<String> regions) {
        if (regions == null || regions.isEmpty()) {
            throw new InvalidInput("scope-not-empty", "scopeRegions", "a programme covers at least one health region");
        }
        Set<HealthRegion> scope = new LinkedHashSet<>();
        for (String region : regions) {
            if (!scope.add(HealthRegion.parse(region, "scopeRegions"))) {
                throw new InvalidInput("scope-regions-distinct", "scopeRegions", "health region " + region
                        + " is named twice");
            }
        }
        return new ArrayList<>(scope);
    }

    @EventSourcingHandler
    void on(ProgrammeDefined event, @MessageIdentifier String eventId) {
        id = aggregateId(event.programmeId());
        lastRecordedEventId = eventId;
    }
}
