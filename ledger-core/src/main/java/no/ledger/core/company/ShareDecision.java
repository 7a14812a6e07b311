package no.ledger.core.company;

import java.util.List;
import no.ledger.core.shared.LedgerEvent;

/** A change to a company's share register. */
public sealed interface ShareDecision extends LedgerEvent permits SharesIssued, SharesTransferred {

    String companyId();

    /** The owners whose holding the decision changes. */
    List<Owner> owners();
}
