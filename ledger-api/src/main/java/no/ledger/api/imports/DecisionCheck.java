package no.ledger.api.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.ledger.api.imports.ImportFile.LineCommand;
import no.ledger.core.company.Company;
import no.ledger.core.company.CompanyFounded;
import no.ledger.core.company.IssueShares;
import no.ledger.core.company.Owner;
import no.ledger.core.company.OwnerKind;
import no.ledger.core.company.ShareDecision;
import no.ledger.core.company.ShareDecisionRetracted;
import no.ledger.core.company.ShareRegister;
import no.ledger.core.company.SharesIssued;
import no.ledger.core.company.UnknownCompany;
import no.ledger.core.directory.LedgerDirectory;
import no.ledger.core.directory.ProgrammeTerms;
import no.ledger.core.directory.RegisteredMunicipality;
import no.ledger.core.participation.CommitmentAgreementEntered;
import no.ledger.core.participation.DeclarationSigned;
import no.ledger.core.participation.EnterCommitmentAgreement;
import no.ledger.core.participation.EnterOptionAgreement;
import no.ledger.core.participation.ExerciseOption;
import no.ledger.core.participation.ExtensionGranted;
import no.ledger.core.participation.GrantExtension;
import no.ledger.core.participation.OptionAgreementEntered;
import no.ledger.core.participation.OptionExercised;
import no.ledger.core.participation.OutsideProgrammeScope;
import no.ledger.core.participation.Participation;
import no.ledger.core.participation.ParticipationCommand;
import no.ledger.core.participation.ParticipationDecision;
import no.ledger.core.participation.ParticipationDecisionRetracted;
import no.ledger.core.participation.ParticipationState;
import no.ledger.core.participation.SignDeclaration;
import no.ledger.core.shared.RuleViolation;
import no.ledger.core.shared.UnknownMunicipality;
import no.ledger.core.shared.UnknownProgramme;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * The aggregates' rules applied to a whole file without recording anything: each party's state is folded from its
 * events in the store (read only, with the core's own {@link ParticipationState} and {@link ShareRegister}), and
 * each row is checked against it after the rows above it for the same party, as the command path would check it.
 */
@Component
class DecisionCheck {

    private final EventStore events;
    private final LedgerDirectory directory;

    DecisionCheck(EventStore events, LedgerDirectory directory) {
        this.events = events;
        this.directory = directory;
    }

    List<RowProblem> check(List<LineCommand> rows) {
        List<RowProblem> problems = new ArrayList<>();
        Map<String, ParticipationState> participations = new HashMap<>();
        Map<String, ShareRegister> registers = new HashMap<>();
        for (LineCommand row : rows) {
            try {
                if (row.command() instanceof ParticipationCommand command) {
                    ProgrammeTerms terms = termsInScope(command);
                    ParticipationDecision decision = decision(command);
                    String id = Participation.aggregateId(command.programmeId(), command.number());
                    ParticipationState state = participations.computeIfAbsent(id, this::participation);
                    state.check(decision, terms);
                    participations.put(id, state.apply(decision));
                } else if (row.command() instanceof IssueShares issue) {
                    ShareRegister register = registers.computeIfAbsent(issue.companyId(), this::register);
                    if (register == null) {
                        throw new UnknownCompany(issue.companyId());
                    }
                    Owner owner = Owner.parse(issue.owner(), "owner");
                    if (owner.kind() == OwnerKind.MUNICIPALITY && directory.municipality(owner.id()).isEmpty()) {
                        throw new UnknownMunicipality(owner.id(), "owner");
                    }
                    SharesIssued issued = new SharesIssued(issue.companyId(), owner.id(), owner.kind(), issue.shares(),
                            issue.issuedOn(), issue.reference());
                    register.check(issued);
                    register.apply(issued);
                } else {
                    throw new IllegalArgumentException("no check for " + row.command().getClass().getSimpleName());
                }
            } catch (RuleViolation broken) {
                problems.add(new RowProblem(row.line(), broken.field(), broken.rule(), broken.getMessage()));
            }
        }
        return problems;
    }

    private ProgrammeTerms termsInScope(ParticipationCommand command) {
        ProgrammeTerms terms = directory.programme(command.programmeId())
                .orElseThrow(() -> new UnknownProgramme(command.programmeId()));
        RegisteredMunicipality municipality = directory.municipality(command.number())
                .orElseThrow(() -> new UnknownMunicipality(command.number(), "number"));
        if (!terms.covers(municipality.healthRegion())) {
            throw new OutsideProgrammeScope(command.number(), municipality.healthRegion(), command.programmeId());
        }
        return terms;
    }

    /** The event the command would record, which is what the rules are stated for. */
    private static ParticipationDecision decision(ParticipationCommand command) {
        if (command instanceof SignDeclaration sign) {
            return new DeclarationSigned(sign.programmeId(), sign.number(), sign.signedOn(), sign.decisionReference(),
                    sign.signatory());
        } else if (command instanceof GrantExtension extension) {
            return new ExtensionGranted(extension.programmeId(), extension.number(), extension.grantedOn(),
                    extension.newDeadline(), extension.reason(), extension.reference());
        } else if (command instanceof EnterCommitmentAgreement commitment) {
            return new CommitmentAgreementEntered(commitment.programmeId(), commitment.number(),
                    commitment.enteredOn(), commitment.decisionReference());
        } else if (command instanceof EnterOptionAgreement option) {
            return new OptionAgreementEntered(option.programmeId(), option.number(), option.enteredOn(),
                    option.decisionReference(), option.expiresOn());
        } else if (command instanceof ExerciseOption exercise) {
            return new OptionExercised(exercise.programmeId(), exercise.number(), exercise.exercisedOn(),
                    exercise.decisionReference());
        }
        throw new IllegalArgumentException("not importable: " + command);
    }

    /** A participation's decisions in force, as its aggregate holds them: retracted ones left out. */
    private ParticipationState participation(String aggregateId) {
        Map<String, ParticipationDecision> inForce = new LinkedHashMap<>();
        DomainEventStream stream = events.readEvents(aggregateId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof ParticipationDecision decision) {
                inForce.put(event.getIdentifier(), decision);
            } else if (event.getPayload() instanceof ParticipationDecisionRetracted retraction) {
                inForce.remove(retraction.retractedEventId());
            }
        }
        return ParticipationState.fold(new ArrayList<>(inForce.values()));
    }

    /** A company's share register after its decisions in force; null when the company was never founded. */
    private ShareRegister register(String companyId) {
        ShareRegister register = null;
        Map<String, ShareDecision> inForce = new LinkedHashMap<>();
        DomainEventStream stream = events.readEvents(Company.aggregateId(companyId));
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof CompanyFounded founded) {
                register = new ShareRegister(founded.foundedOn());
            } else if (event.getPayload() instanceof ShareDecision decision) {
                inForce.put(event.getIdentifier(), decision);
            } else if (event.getPayload() instanceof ShareDecisionRetracted retraction) {
                inForce.remove(retraction.retractedEventId());
            }
        }
        if (register != null) {
            inForce.values().forEach(register::apply);
        }
        return register;
    }
}
