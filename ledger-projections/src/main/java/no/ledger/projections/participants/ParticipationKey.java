package no.ledger.projections.participants;

/** One municipality's participation in one programme. */
record ParticipationKey(String programmeId, String number) {
}
