package no.ledger.core.company;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.LocalDate;
import no.ledger.core.directory.LedgerDirectory;
import no.ledger.core.shared.DecisionLog;
import no.ledger.core.shared.InvalidInput;
import no.ledger.core.shared.RetractionBreaksLaterDecision;
import no.ledger.core.shared.RuleViolation;
import no.ledger.core.shared.Slug;
import no.ledger.core.shared.UnknownMunicipality;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * A joint company and its share register: Akson journal AS (municipalities in majority, KS and the state as
 * minority owners) or Helseplattformen AS (Helse Midt-Norge RHF and the municipalities that exercised options).
 * Command handlers answer with the id of the event they recorded.
 */
public class Company {

    @AggregateIdentifier
    private String id;
    private String companyId;
    private LocalDate foundedOn;
    private final DecisionLog<ShareDecision> decisions = new DecisionLog<>();
    private ShareRegister register;
    private String lastRecordedEventId;

    protected Company() {
        // for Axon
    }

    /** Aggregate ids of all kinds share one event store, so each starts with its kind. */
    public static final String ID_PREFIX = "company";

    public static String aggregateId(String companyId) {
        return ID_PREFIX + ":" + companyId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(FoundCompany command) {
        String requested = Slug.require(command.companyId(), "id");
        if (isFounded()) {
            throw new CompanyAlreadyFounded(requested);
        }
        InvalidInput.require(command.name(), "name");
        InvalidInput.require(command.foundedOn(), "foundedOn");
        InvalidInput.optional(command.reference(), "reference");
        apply(new CompanyFounded(requested, command.name().strip(), command.foundedOn(), command.reference()));
        return lastRecordedEventId;
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(IssueShares command, LedgerDirectory directory) {
        requireFounded(command.companyId());
        Owner owner = registeredOwner(command.owner(), "owner", directory);
        long shares = InvalidInput.require(command.shares(), "shares");
        InvalidInput.require(command.issuedOn(), "issuedOn");
        InvalidInput.optional(command.reference(), "reference");
        return decide(new SharesIssued(companyId, owner.id(), owner.kind(), shares, command.issuedOn(),
                command.reference()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(TransferShares command, LedgerDirectory directory) {
        requireFounded(command.companyId());
        Owner from = registeredOwner(command.from(), "from", directory);
        Owner to = registeredOwner(command.to(), "to", directory);
        long shares = InvalidInput.require(command.shares(), "shares");
        InvalidInput.require(command.transferredOn(), "transferredOn");
        InvalidInput.optional(command.reference(), "reference");
        return decide(new SharesTransferred(companyId, from.id(), from.kind(), to.id(), to.kind(), shares,
                command.transferredOn(), command.reference()));
    }

    /** Retracts a share decision, provided that the later ones stay valid without it (no transfer left uncovered). */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public String handle(RetractShareDecision command) {
        requireFounded(command.companyId());
        InvalidInput.require(command.reason(), "reason");
        InvalidInput.require(command.retractedOn(), "retractedOn");
        decisions.retractable(command.eventId());
        ShareRegister without = new ShareRegister(foundedOn);
        for (ShareDecision remaining : decisions.activeWithout(command.eventId())) {
            try {
                without.check(remaining);
            } catch (RuleViolation broken) {
                throw new RetractionBreaksLaterDecision(command.eventId(), broken);
            }
            without.apply(remaining);
        }
        apply(new ShareDecisionRetracted(companyId, command.eventId(), command.reason(), command.retractedOn()));
        return lastRecordedEventId;
    }

    private void requireFounded(String requested) {
        if (!isFounded()) {
            throw new UnknownCompany(requested);
        }
    }

    private boolean isFounded() {
        return companyId != null;
    }

    private static Owner registeredOwner(String value, String field, LedgerDirectory directory) {
        Owner owner = Owner.parse(value, field);
        if (owner.kind() == OwnerKind.MUNICIPALITY && directory.municipality(owner.id()).isEmpty()) {
            throw new UnknownMunicipality(owner.id(), field);
        }
        return owner;
    }

    private String decide(ShareDecision decision) {
        register.check(decision);
        apply(decision);
        return lastRecordedEventId;
    }

    @EventSourcingHandler
    void on(CompanyFounded event, @MessageIdentifier String eventId) {
        id = aggregateId(event.companyId());
        companyId = event.companyId();
        foundedOn = event.foundedOn();
        register = new ShareRegister(foundedOn);
        decisions.recordPermanent(eventId);
        lastRecordedEventId = eventId;
    }

    @EventSourcingHandler
    void on(ShareDecision decision, @MessageIdentifier String eventId) {
        decisions.recordDecision(eventId, decision);
        register.apply(decision);
        lastRecordedEventId = eventId;
    }

    @EventSourcingHandler
    void on(ShareDecisionRetracted retraction, @MessageIdentifier String eventId) {
        decisions.retract(retraction.retractedEventId());
        decisions.recordPermanent(eventId);
        register = new ShareRegister(foundedOn);
        decisions.active().forEach(register::apply);
        lastRecordedEventId = eventId;
    }
}
