package no.ledger.core.shared;

import java.time.LocalDate;

/**
 * Every event of the ledger. Besides the instant the ledger recorded it (the event message's timestamp), each
 * carries its effective date: the legal date of the decision, in Norway's calendar, set by whoever reported it.
 */
public interface LedgerEvent {

    LocalDate effectiveDate();
}
