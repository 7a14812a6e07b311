package no.ledger.core.shared;

import java.time.LocalDate;

/**
 * An event that mends a mistaken decision: it names the decision's event and says why. The original event stays
 * in the history; from the retraction's recording on, every aggregate and read model behaves as if the retracted
 * decision had never been taken (for every effective date). A valid decision that ends is not retracted but
 * reversed by its own event (a withdrawal, a lapse).
 */
public interface DecisionRetraction extends LedgerEvent {

    String retractedEventId();

    String reason();

    LocalDate retractedOn();

    @Override
    default LocalDate effectiveDate() {
        return retractedOn();
    }
}
