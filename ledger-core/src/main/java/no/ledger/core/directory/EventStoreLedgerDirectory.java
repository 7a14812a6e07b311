package no.ledger.core.directory;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import no.ledger.core.municipality.Municipality;
import no.ledger.core.municipality.MunicipalityRegistered;
import no.ledger.core.programme.Programme;
import no.ledger.core.programme.ProgrammeDefined;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * The directory read straight from the event store: a party's first event defines it. Found parties are kept in
 * memory, which is safe because what is kept never changes; a party not found is asked for again next time.
 */
public class EventStoreLedgerDirectory implements LedgerDirectory {

    private final EventStore eventStore;
    private final Map<String, RegisteredMunicipality> municipalities = new ConcurrentHashMap<>();
    private final Map<String, ProgrammeTerms> programmes = new ConcurrentHashMap<>();

    public EventStoreLedgerDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public Optional<RegisteredMunicipality> municipality(String number) {
        RegisteredMunicipality known = municipalities.get(number);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<RegisteredMunicipality> found = firstEvent(Municipality.aggregateId(number))
                .filter(MunicipalityRegistered.class::isInstance)
                .map(MunicipalityRegistered.class::cast)
                .map(registered -> new RegisteredMunicipality(registered.number(), registered.name(),
                        registered.healthRegion()));
        found.ifPresent(municipality -> municipalities.put(number, municipality));
        return found;
    }

    @Override
    public Optional<ProgrammeTerms> programme(String programmeId) {
        ProgrammeTerms known = programmes.get(programmeId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<ProgrammeTerms> found = firstEvent(Programme.aggregateId(programmeId))
                .filter(ProgrammeDefined.class::isInstance)
                .map(ProgrammeDefined.class::cast)
                .map(defined -> new ProgrammeTerms(defined.programmeId(), EnumSet.copyOf(defined.scopeRegions()),
                        defined.declarationDeadline(), defined.thresholds()));
        found.ifPresent(terms -> programmes.put(programmeId, terms));
        return found;
    }

    private Optional<Object> firstEvent(String aggregateId) {
        DomainEventStream stream = eventStore.readEvents(aggregateId);
        if (!stream.hasNext()) {
            return Optional.empty();
        }
        DomainEventMessage<?> first = stream.next();
        return Optional.ofNullable(first.getPayload());
    }
}
