package no.ledger.core.participation;

import no.ledger.core.shared.LedgerEvent;

/** A decision recorded in a participation: every event of the participation but its retractions. */
public sealed interface ParticipationDecision extends LedgerEvent
        permits MunicipalityInvited, DeclarationSigned, ExtensionGranted, DeclarationWithdrawn,
        CommitmentAgreementEntered, OptionAgreementEntered, OptionExercised, OptionLapsed {

    String programmeId();

    String number();
}
