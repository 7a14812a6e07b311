package no.ledger.core.participation;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import no.ledger.core.directory.LedgerDirectory;
import no.ledger.core.directory.ProgrammeTerms;
import no.ledger.core.directory.RegisteredMunicipality;
import no.ledger.core.shared.DecisionLog;
import no.ledger.core.shared.InvalidInput;
import no.ledger.core.shared.MunicipalityNumber;
import no.ledger.core.shared.RetractionBreaksLaterDecision;
import no.ledger.core.shared.RuleViolation;
import no.ledger.core.shared.Slug;
import no.ledger.core.shared.UnknownMunicipality;
import no.ledger.core.shared.UnknownProgramme;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * One municipality's participation in one programme: its invitation, declaration of intent, extensions and
 * agreement. It comes into being with its first decision, which may be any of them: agreements are open to
 * signers and non-signers alike. Command handlers answer with the id of the event they recorded.
 */
public class Participation {

    @AggregateIdentifier
    private String id;
    private final DecisionLog<ParticipationDecision> decisions = new DecisionLog<>();
    private ParticipationState state = ParticipationState.INITIAL;
    private String lastRecordedEventId;

    protected Participation() {
        // for Axon
    }

    /** Aggregate ids of all kinds share one event store, so each starts with its kind. */
    public static final String ID_PREFIX = "participation";

    public static String aggregateId(String programmeId, String number) {
        return ID_PREFIX + ":" + programmeId + ":" + number;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(InviteMunicipality command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.invitedOn(), "invitedOn");
        InvalidInput.require(command.reference(), "reference");
        return decide(new MunicipalityInvited(command.programmeId(), command.number(), command.invitedOn(),
                command.reference()), terms);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(SignDeclaration command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.signedOn(), "signedOn");
        InvalidInput.require(command.decisionReference(), "decisionReference");
        InvalidInput.require(command.signatory(), "signatory");
        return decide(new DeclarationSigned(command.programmeId(), command.number(), command.signedOn(),
                command.decisionReference(), command.signatory()), terms);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(GrantExtension command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.grantedOn(), "grantedOn");
        InvalidInput.require(command.newDeadline(), "newDeadline");
        InvalidInput.require(command.reason(), "reason");
        InvalidInput.optional(command.reference(), "reference");
        return decide(new ExtensionGranted(command.programmeId(), command.number(), command.grantedOn(),
                command.newDeadline(), command.reason(), command.reference()), terms);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(WithdrawDeclaration command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.withdrawnOn(), "withdrawnOn");
        InvalidInput.require(command.reason(), "reason");
        InvalidInput.optional(command.reference(), "reference");
        return decide(new DeclarationWithdrawn(command.programmeId(), command.number(), command.withdrawnOn(),
                command.reason(), command.reference()), terms);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(EnterCommitmentAgreement command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.enteredOn(), "enteredOn");
        InvalidInput.require(command.decisionReference(), "decisionReference");
        return decide(new CommitmentAgreementEntered(command.programmeId(), command.number(), command.enteredOn(),
                command.decisionReference()), terms);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(EnterOptionAgreement command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.enteredOn(), "enteredOn");
        InvalidInput.require(command.decisionReference(), "decisionReference");
        InvalidInput.optional(command.expiresOn(), "expiresOn");
        return decide(new OptionAgreementEntered(command.programmeId(), command.number(), command.enteredOn(),
                command.decisionReference(), command.expiresOn()), terms);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(ExerciseOption command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.exercisedOn(), "exercisedOn");
        InvalidInput.require(command.decisionReference(), "decisionReference");
        return decide(new OptionExercised(command.programmeId(), command.number(), command.exercisedOn(),
                command.decisionReference()), terms);
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(LetOptionLapse command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.lapsedOn(), "lapsedOn");
        InvalidInput.require(command.reason(), "reason");
        InvalidInput.optional(command.reference(), "reference");
        return decide(new OptionLapsed(command.programmeId(), command.number(), command.lapsedOn(),
                command.reason(), command.reference()), terms);
    }

    /**
     * Retracts one of this participation's decisions, provided that the others stay valid without it: they are
     * checked again in effective-date order, as if it had never been taken.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RetractParticipationDecision command, LedgerDirectory directory) {
        ProgrammeTerms terms = termsInScope(command, directory);
        InvalidInput.require(command.reason(), "reason");
        InvalidInput.require(command.retractedOn(), "retractedOn");
        decisions.retractable(command.eventId());
        try {
            ParticipationState.foldChecked(decisions.activeWithout(command.eventId()), terms);
        } catch (RuleViolation broken) {
            throw new RetractionBreaksLaterDecision(command.eventId(), broken);
        }
        apply(new ParticipationDecisionRetracted(command.programmeId(), command.number(), command.eventId(),
                command.reason(), command.retractedOn()));
        return lastRecordedEventId;
    }

    /** The programme's terms, once the programme and municipality are known and the municipality is in scope. */
    private static ProgrammeTerms termsInScope(ParticipationCommand command, LedgerDirectory directory) {
        String programmeId = Slug.require(command.programmeId(), "programme");
        String number = MunicipalityNumber.of(command.number()).value();
        ProgrammeTerms terms = directory.programme(programmeId)
                .orElseThrow(() -> new UnknownProgramme(programmeId));
        RegisteredMunicipality municipality = directory.municipality(number)
                .orElseThrow(() -> new UnknownMunicipality(number, "number"));
        if (!terms.covers(municipality.healthRegion())) {
            throw new OutsideProgrammeScope(number, municipality.healthRegion(), programmeId);
        }
        return terms;
    }

    private String decide(ParticipationDecision decision, ProgrammeTerms terms) {
        state.check(decision, terms);
        apply(decision);
        return lastRecordedEventId;
    }

    @EventSourcingHandler
    void on(ParticipationDecision decision, @MessageIdentifier String eventId) {
        id = aggregateId(decision.programmeId(), decision.number());
        decisions.recordDecision(eventId, decision);
        state = state.apply(decision);
        lastRecordedEventId = eventId;
    }

    @EventSourcingHandler
    void on(ParticipationDecisionRetracted retraction, @MessageIdentifier String eventId) {
        decisions.retract(retraction.retractedEventId());
        decisions.recordPermanent(eventId);
        state = ParticipationState.fold(decisions.active());
        lastRecordedEventId = eventId;
    }
}
