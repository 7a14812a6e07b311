package no.ledger.projections.participants;

import java.time.LocalDate;
import no.ledger.core.participation.AgreementStatus;
import no.ledger.core.participation.DeclarationStatus;
import no.ledger.core.participation.ParticipationState;

/**
 * A participation as the read models show it on one date: the declaration, the agreement in force (an expired
 * option shows as none), whether a commitment came from an exercised option, and the dates of the decisions.
 * {@code extendedDeadline} is null while the programme's own deadline is in force.
 */
public record ParticipantStatus(
        DeclarationStatus declaration,
        AgreementStatus agreement,
        boolean viaOption,
        LocalDate extendedDeadline,
        LocalDate invitedOn,
        LocalDate signedOn,
        LocalDate withdrawnOn,
        LocalDate extensionGrantedOn,
        LocalDate optionEnteredOn,
        LocalDate optionExpiresOn,
        LocalDate optionExercisedOn,
        LocalDate optionLapsedOn,
        LocalDate commitmentEnteredOn) {

    public static final ParticipantStatus NOT_PARTICIPATING = of(ParticipationState.INITIAL, LocalDate.MIN);

    public static ParticipantStatus of(ParticipationState state, LocalDate on) {
        AgreementStatus agreement = state.agreementOn(on);
        return new ParticipantStatus(state.declaration(), agreement,
                agreement == AgreementStatus.COMMITMENT && state.viaOption(), state.extendedDeadline(),
                state.invitedOn(), state.signedOn(), state.withdrawnOn(), state.extensionGrantedOn(),
                state.optionEnteredOn(), state.optionExpiresOn(), state.optionExercisedOn(), state.optionLapsedOn(),
                state.commitmentEnteredOn());
    }
}
