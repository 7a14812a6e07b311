package no.ledger.core.directory;

import java.util.Optional;

/**
 * Looks up the parties that a decision refers to but that live in other aggregates: the municipality that signs,
 * the programme it signs in, the municipality that receives shares. Only facts that never change once recorded are
 * offered, so that a rule may rely on them without holding the other aggregate.
 */
public interface LedgerDirectory {

    Optional<RegisteredMunicipality> municipality(String number);

    Optional<ProgrammeTerms> programme(String programmeId);
}
