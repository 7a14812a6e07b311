package no.ledger.core.retraction;

import java.util.Optional;
import no.ledger.core.company.Company;
import no.ledger.core.company.RetractShareDecision;
import no.ledger.core.municipality.Municipality;
import no.ledger.core.municipality.RetractPopulationCount;
import no.ledger.core.participation.Participation;
import no.ledger.core.participation.RetractParticipationDecision;
import no.ledger.core.shared.DecisionNotRetractable;
import no.ledger.core.shared.InvalidInput;
import no.ledger.core.shared.UnknownEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Turns a retraction by event id into the retraction command of the aggregate that recorded the event, which
 * then decides whether the decision may be retracted.
 */
public class RetractionCommandHandler {

    private final RecordedEventLocator locator;
    private final CommandGateway commandGateway;

    public RetractionCommandHandler(RecordedEventLocator locator, CommandGateway commandGateway) {
        this.locator = locator;
        this.commandGateway = commandGateway;
    }

    @CommandHandler
    public String handle(RetractDecision command) {
        String eventId = InvalidInput.require(command.eventId(), "eventId");
        String aggregateId = locator.aggregateIdOf(eventId).orElseThrow(() -> new UnknownEvent(eventId));
        Object retraction = retractionFor(aggregateId, command)
                .orElseThrow(() -> new DecisionNotRetractable(eventId));
        // The aggregate's own command carries the caller's metadata, so the event names who recorded it.
        MetaData callerMetaData = CurrentUnitOfWork.map(unitOfWork -> unitOfWork.getMessage().getMetaData())
                .orElse(MetaData.emptyInstance());
        return commandGateway.sendAndWait(GenericCommandMessage.asCommandMessage(retraction)
                .andMetaData(callerMetaData));
    }

    private static Optional<Object> retractionFor(String aggregateId, RetractDecision command) {
        // The parts of the ids that Participation, Company and Municipality.aggregateId put together.
        String[] parts = aggregateId.split(":");
        return switch (parts[0]) {
            case Participation.ID_PREFIX -> Optional.of(new RetractParticipationDecision(parts[1], parts[2],
                    command.eventId(), command.reason(), command.retractedOn()));
            case Company.ID_PREFIX -> Optional.of(new RetractShareDecision(parts[1], command.eventId(), command.reason(),
                    command.retractedOn()));
            case Municipality.ID_PREFIX -> Optional.of(new RetractPopulationCount(parts[1], command.eventId(),
                    command.reason(), command.retractedOn()));
            default -> Optional.empty();
        };
    }
}
