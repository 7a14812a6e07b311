package no.ledger.core.participation;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A command about one municipality's participation in one programme. */
public interface ParticipationCommand {

    String programmeId();

    String number();

    @TargetAggregateIdentifier
    default String participationId() {
        return Participation.aggregateId(programmeId(), number());
    }
}
