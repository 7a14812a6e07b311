package no.ledger.projections.participants;

/** One municipality's participation in one programme. */
public record ParticipationKey(String programmeId, String number) {
}
